using AssetService.Core.Common;

namespace AssetService.Core.Limits;

public static class LimitSources
{
    public static readonly Vocabulary All = new("REPORTED", "OPERATIONS", "CUSTOMER", "PV", "AVAILABILITY");
}

/// <summary>What one source says about a slot (MW, MWh); null means the source sets nothing there.</summary>
public sealed record SourceLimits(
    string Source,
    decimal? PowerCharge,
    decimal? PowerDischarge,
    decimal? EnergyLow,
    decimal? EnergyHigh,
    bool? TradingLocked,
    DateTime UpdatedAt);

/// <summary>The most restrictive value over the sources of a slot; null where no source gives one.</summary>
public sealed record ComputedLimits(
    decimal? PowerCharge,
    decimal? PowerDischarge,
    decimal? EnergyLow,
    decimal? EnergyHigh,
    bool TradingLocked);

/// <summary>One slot of one asset with every source's limits and the computed result.</summary>
public sealed record LimitSlot(
    string AssetId,
    DateTime StartTime,
    DateTime EndTime,
    DateOnly DeliveryDay,
    IReadOnlyList<SourceLimits> Sources,
    ComputedLimits Computed);

[System.Text.Json.Serialization.JsonConverter(typeof(LimitListJson))]
public sealed record LimitList(int Limit, int Offset, IReadOnlyList<LimitSlot> Limits);

public sealed record LimitsCleared(int Cleared, int Deleted);
