using System.Text.Json;
using System.Text.Unicode;
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
        var body = message.Body.ToMemory();
        if (body.Span.StartsWith(Utf8Bom)) body = body[Utf8Bom.Length..];
        if (body.IsEmpty || body.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            rejection = InvalidJson("The message body is empty");
            return false;
        }
        // Checked up front: the JSON reader validates UTF-8 only when a string is read, i.e. during binding.
        if (!Utf8.IsValid(body.Span))
        {
            rejection = InvalidJson("The message body is not valid UTF-8 text");
            return false;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            rejection = InvalidJson($"The message body is not valid JSON (line {(e.LineNumber ?? 0) + 1}, byte {e.BytePositionInLine ?? 0}): {FirstSentence(e.Message)}");
            return false;
        }

        using (document)
        {
            try
            {
                result = bind(document.RootElement);
                return true;
            }
            catch (RequestValidationException e)
            {
                rejection = IngestionOutcome.DeadLetter(DeadLetterReasons.Schema, Describe(e.Errors));
                return false;
            }
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

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
