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
    DateTime UpdatedAt);

public sealed record ReservationList(int Limit, int Offset, IReadOnlyList<Reservation> Reservations);
