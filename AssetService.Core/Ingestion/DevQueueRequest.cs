using System.Globalization;
using AssetService.Core.Common;
using Microsoft.AspNetCore.Http;

namespace AssetService.Core.Ingestion;

/// <summary>
/// What LocalHost's dev queue route (<c>POST /dev/queues/{queue}/messages</c>) reads besides the body, which
/// is the message body itself: the queue, and the two properties Service Bus would have given the message.
/// </summary>
public static class DevQueueRequest
{
    public static readonly PathParameter Queue = new("queue",
        "The queue: the `DispatchQueueName` (default `dispatches`) or the `StatusQueueName` (default `asset-status`); another name is a 404.",
        Wire.Text.WithExample("dispatches"));

    public static readonly HeaderParameter MessageId = new("x-message-id", "The message id (a fresh one when absent).", Wire.Text);

    public static readonly HeaderParameter SequenceNumber = new("x-sequence-number",
        "Stands for the Service Bus sequence number, the queue's order: a status message with a lower number than the stored one for " +
        "the same (asset_id, effective_at) changes nothing. Without it, messages are numbered in arrival order. Anything but an integer " +
        $"from 0 to {long.MaxValue} is a 422 at `[\"header\", \"x-sequence-number\"]`.",
        FieldSchema.Inline("""{"type": "integer", "format": "int64", "minimum": 0}"""));

    public static readonly OperationParameters Parameters = new("DevPostQueueMessage", [Queue], [MessageId, SequenceNumber]);

    public static string? ReadMessageId(IHeaderDictionary headers) => headers[MessageId.Name].FirstOrDefault() is { Length: > 0 } id ? id : null;

    /// <summary>The sequence number the header gives, or null without the header; anything but a non-negative 64-bit integer is a 422.</summary>
    public static long? ReadSequenceNumber(IHeaderDictionary headers)
    {
        if (headers[SequenceNumber.Name].LastOrDefault() is not { } text) return null;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var given)) return given;
        throw RequestValidationException.Single("int_parsing", new Loc(["header", SequenceNumber.Name]),
            $"{SequenceNumber.Name} should be a Service Bus sequence number: an integer from 0 to {long.MaxValue}");
    }
}
