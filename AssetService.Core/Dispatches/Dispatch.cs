using AssetService.Core.Common;

namespace AssetService.Core.Dispatches;

/// <summary>A stored dispatch command (<c>Dispatch</c>): <c>id</c> is the event's <c>dispatch_id</c>, power in MW.</summary>
public sealed record Dispatch(
    Guid Id,
    string AssetId,
    DateTime StartTime,
    DateTime EndTime,
    DateOnly DeliveryDay,
    decimal Power,
    string? Market,
    string Source,
    DateTime IssuedAt,
    DateTime ReceivedAt)
{
    public static readonly ResponseShape Shape = new(typeof(Dispatch), "Dispatch",
        "A dispatch command as received from the dispatch queue.")
    {
        [nameof(Id)] = Wire.Uuid.Described("The event's `dispatch_id`."),
        [nameof(AssetId)] = PeriodFields.AssetId.Schema,
        [nameof(DeliveryDay)] = Fields.Date.Schema.Described("Derived: the date of `start_time` in the market time zone of the asset's region."),
        [nameof(Power)] = Wire.Number().Described("MW; positive discharges, negative charges."),
        [nameof(Market)] = Wire.Pattern("^[A-Z0-9_]{1,64}$").Described("Market the command serves, if any."),
        [nameof(Source)] = Wire.Pattern("^[A-Z0-9_]{1,64}$").Described("Who issued the command, e.g. `OPTIMISATION`."),
        [nameof(IssuedAt)] = Wire.UtcTimestamp.Described("When the issuer created the command."),
        [nameof(ReceivedAt)] = Wire.UtcTimestamp.Described("When the service stored it."),
    };
}

public sealed record DispatchList(IReadOnlyList<Dispatch> Dispatches, int Limit, int Offset)
{
    public static readonly ResponseShape Shape = ResponseShape.Page(typeof(DispatchList), "DispatchListResponse",
        "A page of dispatches ordered by (asset_id, start_time, issued_at, id).");
}
