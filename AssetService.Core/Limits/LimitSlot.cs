using AssetService.Core.Common;

namespace AssetService.Core.Limits;

/// <summary>
/// A slot of GET /limits as answered: each source's stored row and their most restrictive combination.
/// <see cref="LimitListJson"/> writes these fields straight from the rows, with the names and order declared here.
/// </summary>
public sealed record LimitSlot(string AssetId, DateTime StartTime, DateTime EndTime, DateOnly DeliveryDay, IReadOnlyList<SourceLimits> Sources, ComputedLimits Computed)
{
    public static readonly ResponseShape Shape = new(typeof(LimitSlot), "LimitSlot", "One 15-minute slot of one asset.")
    {
        [nameof(AssetId)] = PeriodFields.AssetId.Schema,
        [nameof(StartTime)] = Wire.SlotTimestamp,
        [nameof(EndTime)] = Wire.SlotTimestamp,
        [nameof(Sources)] = Wire.ListOf(SourceLimits.Shape.Schema, minItems: 1),
    };
}

/// <summary>One source's limits in a slot (MW, MWh), as stored.</summary>
public sealed record SourceLimits(string Source, decimal? PowerCharge, decimal? PowerDischarge, decimal? EnergyLow, decimal? EnergyHigh, bool? TradingLocked, DateTime UpdatedAt)
{
    public static readonly ResponseShape Shape = new(typeof(SourceLimits), "SourceLimits", "What one source says about a slot.")
    {
        [nameof(Source)] = Fields.OneOf(LimitSources.All).Schema,
        [nameof(PowerCharge)] = Wire.Number(max: 0).Described("MW (<= 0) or null."),
        [nameof(PowerDischarge)] = Wire.Number(min: 0).Described("MW (>= 0) or null."),
        [nameof(EnergyLow)] = Wire.Number(min: 0).Described("MWh or null."),
        [nameof(EnergyHigh)] = Wire.Number(min: 0).Described("MWh or null."),
        [nameof(TradingLocked)] = Wire.Boolean.Described("The stored lock; null when the source never set it."),
    };
}

/// <summary>The contract's computed block: the most restrictive value of each field over the slot's sources.</summary>
public sealed record ComputedLimits(decimal? PowerCharge, decimal? PowerDischarge, decimal? EnergyLow, decimal? EnergyHigh, bool TradingLocked)
{
    public static readonly ResponseShape Shape = new(typeof(ComputedLimits), "ComputedLimits",
        "The most restrictive value over the returned sources, nulls ignored.")
    {
        [nameof(PowerCharge)] = Wire.Number(max: 0).Described("Max over the sources (the least negative), or null."),
        [nameof(PowerDischarge)] = Wire.Number(min: 0).Described("Min over the sources, or null."),
        [nameof(EnergyLow)] = Wire.Number(min: 0).Described("Max over the sources, or null."),
        [nameof(EnergyHigh)] = Wire.Number(min: 0).Described("Min over the sources, or null."),
        [nameof(TradingLocked)] = Wire.Boolean.Described("True when any source locks; false otherwise."),
    };
}

public sealed record LimitList(int Limit, int Offset, IReadOnlyList<LimitSlot> Limits)
{
    public static readonly ResponseShape Shape = ResponseShape.Page(typeof(LimitList), "LimitListResponse",
        "A page of slots ordered by (asset_id, start_time).");
}
