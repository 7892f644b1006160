using AssetService.Core.Common;

namespace AssetService.Core.Reservations;

public static class ReservationSources
{
    public static readonly Vocabulary All = new("OPTIMISATION", "EXTERNAL", "DAA_SWAP")
    {
        Component = "ReservationSource", Description = "Who made a reservation.", ListComponent = "ReservationSourceList", ListExample = "OPTIMISATION,DAA_SWAP",
    };
}

/// <summary>
/// A net market position of an asset in one slot: power in MW (positive = discharging), energy_change
/// and the two buffers in MWh.
/// </summary>
public sealed record Reservation(
    string AssetId,
    DateTime StartTime,
    DateTime EndTime,
    DateOnly DeliveryDay,
    string Market,
    string Source,
    decimal Power,
    decimal EnergyChange,
    decimal EnergyBufferLow,
    decimal EnergyBufferHigh,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static readonly ResponseShape Shape = new(typeof(Reservation), "Reservation", "A stored reservation.")
    {
        [nameof(AssetId)] = PeriodFields.AssetId.Schema,
        [nameof(StartTime)] = Wire.SlotTimestamp,
        [nameof(EndTime)] = Wire.SlotTimestamp,
        [nameof(Market)] = UpsertReservationsRequest.Market.Schema,
        [nameof(Source)] = Fields.OneOf(ReservationSources.All).Schema,
        [nameof(Power)] = Wire.Number().Described("MW"),
        [nameof(EnergyChange)] = Wire.Number().Described("MWh"),
        [nameof(EnergyBufferLow)] = Wire.Number(min: 0).Described("MWh"),
        [nameof(EnergyBufferHigh)] = Wire.Number(min: 0).Described("MWh"),
    };
}

public sealed record ReservationList(int Limit, int Offset, IReadOnlyList<Reservation> Reservations)
{
    public static readonly ResponseShape Shape = ResponseShape.Page(typeof(ReservationList), "ReservationListResponse",
        "A page of reservations ordered by (asset_id, start_time, market, source).");
}
