using System.Text.Json;
using System.Text.RegularExpressions;
using AssetService.Core.Common;

namespace AssetService.Core.Dispatches;

/// <summary>One dispatch event as it arrives on the dispatch queue.</summary>
public sealed record DispatchEvent(
    Guid DispatchId, string AssetId, DateTime StartTime, DateTime EndTime, decimal Power, string? Market, string Source, DateTime IssuedAt);

public static partial class DispatchFields
{
    public const int MaxEventsPerMessage = 1000;

    [GeneratedRegex("^[A-Z0-9_]{1,64}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex UuidPattern();

    /// <summary><c>market</c> and <c>source</c>: 1..64 characters of <c>A-Z0-9_</c>, e.g. <c>INTRADAY</c>.</summary>
    public static readonly FieldParser<string> Code = Fields.String(1, 64, CodePattern());

    public static readonly FieldParser<string> AssetId = Fields.String(1, 200);

    /// <summary>A UUID in its canonical hyphenated form, e.g. <c>7f3c2a9e-1b4d-4c8e-9f00-12ab34cd56ef</c>.</summary>
    public static readonly FieldParser<Guid> Uuid = new(
        Wire.Uuid,
        (JsonElement value, Loc loc, Problems problems, out Guid result) =>
        {
            result = Guid.Empty;
            if (value.ValueKind == JsonValueKind.String && UuidPattern().IsMatch(value.GetString()!))
            {
                result = Guid.ParseExact(value.GetString()!, "D");
                return true;
            }
            problems.Add("uuid_parsing", loc, "Input should be a valid UUID in the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx");
            return false;
        });
}

/// <summary>A dispatch message: one event, or <c>{"dispatches": [..]}</c> with 1..1000 events, all or nothing.</summary>
public static class DispatchMessage
{
    public static IReadOnlyList<DispatchEvent> Bind(JsonElement body) => JsonObject.Bind(body, o =>
    {
        if (body.TryGetProperty("dispatches", out _))
        {
            var events = o.Required("dispatches", Fields.List(Event.Parser, 1, DispatchFields.MaxEventsPerMessage));
            if (events is not null) NaturalKeys.CheckUnique(events, e => e.DispatchId, o.Loc["dispatches"], o.Problems);
            return events ?? [];
        }
        return (IReadOnlyList<DispatchEvent>)[ReadEvent(o)];
    });

    // A Service Bus message, not an HTTP body: the shape is named for completeness, the document does not show it.
    private static readonly ObjectShape<DispatchEvent> Event = new("DispatchEvent", "One dispatch event.", ReadEvent);

    private static DispatchEvent ReadEvent(JsonObject o)
    {
        var dispatch = new DispatchEvent(
            o.Required("dispatch_id", DispatchFields.Uuid),
            o.Required("asset_id", DispatchFields.AssetId),
            o.Required("start_time", Fields.Timestamp),
            o.Required("end_time", Fields.Timestamp),
            o.Required("power", Fields.Number("MW")),
            o.NullableRef("market", DispatchFields.Code),
            o.Required("source", DispatchFields.Code),
            o.Required("issued_at", Fields.Timestamp));
        o.Forbidden("delivery_day", "delivery_day is derived by the service from start_time and the asset's market time zone");
        o.Forbidden("received_at", "received_at is set by the service when it stores the event");
        if (dispatch.StartTime != default && dispatch.EndTime != default && dispatch.EndTime <= dispatch.StartTime)
            o.Problems.Add("value_error", o.Loc["end_time"], "end_time must be after start_time");
        return dispatch;
    }
}
