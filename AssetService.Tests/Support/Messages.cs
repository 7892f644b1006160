using System.Text.Json;
using AssetService.Core.Ingestion;
using Azure.Messaging.ServiceBus;

namespace AssetService.Tests.Support;

/// <summary>Queue messages as Service Bus delivers them, built with <see cref="ServiceBusModelFactory"/>.</summary>
public static class Messages
{
    private static long sequence;

    /// <summary>A message as delivered; without <paramref name="sequenceNumber"/> the next in enqueue order.</summary>
    public static IncomingMessage Received(string body, int deliveryCount = 1, string? messageId = null, long? sequenceNumber = null) =>
        IncomingMessage.From(ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: BinaryData.FromString(body), messageId: messageId ?? Guid.NewGuid().ToString("N"), deliveryCount: deliveryCount,
            sequenceNumber: sequenceNumber ?? Interlocked.Increment(ref sequence)));

    public static IncomingMessage Received(object body, int deliveryCount = 1, long? sequenceNumber = null) =>
        Received(JsonSerializer.Serialize(body), deliveryCount, sequenceNumber: sequenceNumber);

    /// <summary>One dispatch event as a dictionary, so that a test can change or remove any field.</summary>
    public static Dictionary<string, object?> Dispatch(
        string assetId, Guid? id = null, string start = "2026-06-01T10:00:00Z", string end = "2026-06-01T10:15:00Z",
        decimal power = 2.5m, string? market = "INTRADAY", string source = "OPTIMISATION", string issuedAt = "2026-06-01T09:00:00Z") => new()
    {
        ["dispatch_id"] = (id ?? Guid.NewGuid()).ToString(),
        ["asset_id"] = assetId,
        ["start_time"] = start,
        ["end_time"] = end,
        ["power"] = power,
        ["market"] = market,
        ["source"] = source,
        ["issued_at"] = issuedAt,
    };

    /// <summary><paramref name="count"/> consecutive quarter-hour dispatches of one asset from 2026-06-01T00:00Z.</summary>
    public static List<Dictionary<string, object?>> DispatchSeries(string assetId, int count, string source = "OPTIMISATION")
    {
        var first = new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        return Enumerable.Range(0, count).Select(i => Dispatch(assetId,
            start: Iso(first.AddMinutes(15 * i)), end: Iso(first.AddMinutes(15 * (i + 1))), power: i % 7 - 3, source: source)).ToList();
    }

    public static object Status(string assetId, string status, string effectiveAt, params string[] reasons) =>
        new { asset_id = assetId, status, effective_at = effectiveAt, reasons };

    public static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
}
