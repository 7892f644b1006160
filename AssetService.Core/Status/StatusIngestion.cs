using AssetService.Core.Changes;
using AssetService.Core.Common;
using AssetService.Core.Ingestion;
using Dapper;
using Npgsql;

namespace AssetService.Core.Status;

/// <summary>
/// Upserts one status entry on (asset_id, effective_at): a later message for the same key replaces status
/// and reasons, "later" by the queue's sequence number. Messages may arrive out of order; the newest
/// effective_at is the asset's status.
/// </summary>
public sealed class StatusIngestion(NpgsqlDataSource db) : IMessageIngestion
{
    // The foreign key decides whether the asset exists, also against a concurrent delete.
    // created_at is kept: it records when the entry was first received. The row lock of the conflicting
    // row orders concurrent deliveries, and the WHERE compares sequence numbers on the row as committed:
    // an older message (a replay included) changes nothing, whether it arrives or commits last.
    private const string UpsertSql = """
        INSERT INTO asset_status AS s (asset_id, effective_at, status, reasons, created_at, sequence_number)
        VALUES (@AssetId, @EffectiveAt, @Status, @Reasons, @Now, @SequenceNumber)
        ON CONFLICT (asset_id, effective_at) DO UPDATE
            SET status = EXCLUDED.status, reasons = EXCLUDED.reasons, sequence_number = EXCLUDED.sequence_number
        WHERE s.sequence_number < EXCLUDED.sequence_number
        """;

    public Task<IngestionOutcome> IngestAsync(IncomingMessage message, CancellationToken ct) =>
        MessageBody.TryBind(message, StatusMessage.Bind, out var status, out var rejection)
            ? IngestAsync(status, message.SequenceNumber, ct)
            : Task.FromResult(rejection);

    private Task<IngestionOutcome> IngestAsync(StatusMessage status, long sequenceNumber, CancellationToken ct) =>
        AuthoredWrite.RunAsync(db, Author.ServiceBus, WriteOwners.Asset(status.AssetId), async write =>
        {
            var (connection, transaction) = (write.Connection, write.Transaction);
            try
            {
                await connection.ExecuteAsync(new CommandDefinition(UpsertSql, new
                {
                    status.AssetId, status.EffectiveAt, status.Status, Reasons = status.Reasons.ToArray(), Now = write.Instant,
                    SequenceNumber = sequenceNumber,
                }, transaction, cancellationToken: ct));
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
            {
                return IngestionOutcome.DeadLetter(DeadLetterReasons.UnknownAsset, $"Unknown asset id: {status.AssetId}; the status was not stored");
            }
            await transaction.CommitAsync(ct);
            return IngestionOutcome.Completed;
        }, ct);
}
