using AssetService.Core.Common;

namespace AssetService.Core.Ingestion;

/// <summary>What becomes of a message: completed, or dead-lettered at once with a reason code and a description.</summary>
public abstract record IngestionOutcome
{
    public static IngestionOutcome Completed { get; } = new CompletedOutcome();

    public static IngestionOutcome DeadLetter(string reason, string description) => new DeadLettered(reason, description);
}

public sealed record CompletedOutcome : IngestionOutcome;

public sealed record DeadLettered(string Reason, string Description) : IngestionOutcome;

/// <summary>The <c>DeadLetterReason</c> codes of a poison message; a retry could never make it succeed.</summary>
public static class DeadLetterReasons
{
    public const string InvalidJson = "invalid_json";
    public const string Schema = "schema";
    public const string UnknownAsset = "unknown_asset";
    public const string ConflictingReplay = "conflicting_replay";

    public static readonly Vocabulary All = new(InvalidJson, Schema, UnknownAsset, ConflictingReplay);
}

/// <summary>
/// Handles one message of a queue. Returns the outcome for a valid or a poison message; throws when the
/// database fails, so that the message is delivered again.
/// </summary>
public interface IMessageIngestion
{
    Task<IngestionOutcome> IngestAsync(IncomingMessage message, CancellationToken ct);
}
