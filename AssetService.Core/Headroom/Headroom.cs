using AssetService.Core.Common;

namespace AssetService.Core.Headroom;

/// <summary>
/// One side of a quarter hour (contract 7.2): the own capacity, the net position and what is still free,
/// in MW. For the charge side <c>capacity</c> and <c>headroom</c> are &lt;= 0; <c>position</c> is the same
/// signed number on both sides.
/// </summary>
public sealed record Side(decimal? Capacity, decimal Position, decimal? Headroom, IReadOnlyList<string> LimitedBy)
{
    public static readonly ResponseShape Shape = new(typeof(Side), "HeadroomSide",
        "One side of a quarter hour, MW. For `charge`, `capacity` and `headroom` are <= 0; `position` is the same signed number on both sides.")
    {
        [nameof(Capacity)] = Wire.AnyNumber.Described("Own capacity (site: the connection point's); null when no term is known."),
        [nameof(Position)] = Wire.AnyNumber.Described("The net position: the sum of `power` over the reservation rows (section 1 sign)."),
        [nameof(Headroom)] = Wire.AnyNumber.Described("What is still free to trade; null when no term is known."),
        [nameof(LimitedBy)] = Wire.ListOf(Fields.OneOf(HeadroomVocabularies.Bound).Schema)
            .Described("Every term attaining the bound; empty when `headroom` is null."),
    };
}

/// <summary>The energy envelope of a quarter hour (MWh), from the latest snapshot at or before the window's start (<c>since</c>).</summary>
public sealed record Energy(decimal Expected, decimal Floor, decimal? Ceiling, decimal DischargeHeadroom, decimal? ChargeHeadroom, DateTime Since)
{
    public static readonly ResponseShape Shape = new(typeof(Energy), "HeadroomEnergy",
        "The energy envelope (MWh) from the latest snapshot at or before `from`; null for PV and without a snapshot.")
    {
        [nameof(Expected)] = Wire.AnyNumber.Described("Stored energy expected at the end of the slot."),
        [nameof(Floor)] = Wire.AnyNumber.Described("max(0, computed energy_low) + the reservations' energy_buffer_low."),
        [nameof(Ceiling)] = Wire.AnyNumber.Described("least(computed energy_high, max_capacity) - energy_buffer_high; null when neither is known."),
        [nameof(DischargeHeadroom)] = Wire.AtLeast(0)
            .Described("Stored energy that can still go without any later slot of the window falling below its floor."),
        [nameof(ChargeHeadroom)] = Wire.AtLeast(0)
            .Described("Stored energy that can still come without any later slot rising above its ceiling; null when none has one."),
        [nameof(Since)] = Wire.UtcTimestamp.Described("The snapshot's effective_at."),
    };
}

/// <summary>What one asset can still sell (discharge) or buy (charge) in one quarter hour, and why not more.</summary>
public sealed record HeadroomItem(
    string AssetId,
    DateTime StartTime,
    DateTime EndTime,
    DateOnly DeliveryDay,
    bool TradingLocked,
    Side Discharge,
    Side Charge,
    Energy? Energy,
    IReadOnlyList<string> Missing)
{
    public static readonly ResponseShape Shape = new(typeof(HeadroomItem), "HeadroomItem", "One asset and quarter hour.")
    {
        [nameof(AssetId)] = PeriodFields.AssetId.Schema,
        [nameof(StartTime)] = Wire.SlotTimestamp,
        [nameof(EndTime)] = Wire.SlotTimestamp,
        [nameof(TradingLocked)] = Wire.Boolean.Described("True when any limit source locks the slot: both headrooms are then 0."),
        [nameof(Missing)] = Wire.ListOf(Fields.OneOf(HeadroomVocabularies.Missing).Schema),
    };
}

public sealed record HeadroomList(IReadOnlyList<HeadroomItem> Headroom, int Limit, int Offset)
{
    public static readonly ResponseShape Shape = ResponseShape.Page(typeof(HeadroomList), "HeadroomListResponse",
        "A page of items ordered by (asset_id, start_time).");
}

/// <summary>What a site can still offer at its connection point in one quarter hour (contract 7.3).</summary>
public sealed record SiteHeadroomItem(DateTime StartTime, DateTime EndTime, DateOnly DeliveryDay, Side Discharge, Side Charge)
{
    public static readonly ResponseShape Shape = new(typeof(SiteHeadroomItem), "SiteHeadroomItem",
        "One quarter hour at the site's connection point.")
    {
        [nameof(StartTime)] = Wire.SlotTimestamp,
        [nameof(EndTime)] = Wire.SlotTimestamp,
    };
}

public sealed record SiteHeadroomList(string SiteId, IReadOnlyList<SiteHeadroomItem> Headroom, int Limit, int Offset)
{
    public static readonly ResponseShape Shape = ResponseShape.Page(typeof(SiteHeadroomList), "SiteHeadroomListResponse",
        "A page of the site's quarter hours ordered by start_time.",
        (nameof(SiteId), Wire.Text));
}
