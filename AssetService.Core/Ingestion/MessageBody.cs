using System.Text.Json;
using AssetService.Core.Common;

namespace AssetService.Core.Ingestion;

/// <summary>
/// Reads a message body as JSON and binds it with the same strict binders as the HTTP API. Invalid JSON
/// and schema violations become dead-letter outcomes whose description names every problem.
/// </summary>
public static class MessageBody
{
    private const int MaxProblemsListed = 20;
    private const int MaxDescriptionLength = 4000;
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    public static bool TryBind<T>(IncomingMessage message, Func<JsonElement, T> bind, out T result, out IngestionOutcome rejection)
    {
        result = default!;
        rejection = IngestionOutcome.Completed;
        var body = message.Body.ToMemory().Span;
        if (body.Trim(" \t\r\n"u8).IsEmpty || body.SequenceEqual(Utf8Bom))
        {
            rejection = InvalidJson("The message body is empty");
            return false;
        }

        JsonElement root;
        try
        {
            root = StrictJson.Parse(body);
        }
        catch (InvalidJsonException e)
        {
            rejection = InvalidJson($"The message body is not valid JSON (line {e.Line}, byte {e.BytePositionInLine}): {e.Message}");
            return false;
        }

        try
        {
            result = bind(root);
            return true;
        }
        catch (RequestValidationException e)
        {
            rejection = IngestionOutcome.DeadLetter(DeadLetterReasons.Schema, Describe(e.Errors));
            return false;
        }
    }

    /// <summary>Every problem as <c>loc: msg</c>, e.g. <c>body.dispatches.3.end_time: end_time must be after start_time</c>.</summary>
    public static string Describe(IReadOnlyList<ValidationError> errors)
    {
        var listed = errors.Take(MaxProblemsListed).Select(e => $"{string.Join('.', e.Loc)}: {e.Msg}");
        var text = (errors.Count == 1 ? "" : $"{errors.Count} problems: ") + string.Join("; ", listed) +
                   (errors.Count > MaxProblemsListed ? $"; and {errors.Count - MaxProblemsListed} more" : "");
        return Truncate(text);
    }

    /// <summary>Dead-letter descriptions travel as message properties: keep them well inside the header limit.</summary>
    public static string Truncate(string text) => text.Length <= MaxDescriptionLength ? text : text[..(MaxDescriptionLength - 3)] + "...";

    private static IngestionOutcome InvalidJson(string description) => IngestionOutcome.DeadLetter(DeadLetterReasons.InvalidJson, description);
}
