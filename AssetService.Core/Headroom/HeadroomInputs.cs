namespace AssetService.Core.Headroom;

/// <summary>An asset of the read: its type (PV is bounded by its forecast), region (delivery day) and inverter, if any.</summary>
public sealed record HeadroomAsset(string Id, string Type, string Region, string? InverterId);

/// <summary>One source's limits of one asset at one quarter hour (MW, MWh), as stored.</summary>
public sealed record LimitInput(
    string AssetId, DateTime StartTime, string Source,
    decimal? PowerCharge, decimal? PowerDischarge, decimal? EnergyLow, decimal? EnergyHigh, bool? TradingLocked);

/// <summary>The spec fields headroom reads, of one version valid in [valid_from, valid_to).</summary>
public sealed record SpecInput(
    string AssetId, DateTime ValidFrom, DateTime? ValidTo,
    decimal? RatedPower, decimal? GridConnectionMaxPower, decimal? MaxCapacity, decimal? ChargeEfficiency, decimal? DischargeEfficiency);

/// <summary>The sum of an asset's reservation rows at one quarter hour, over every market and source (contract 7.1).</summary>
public sealed record PositionInput(
    string AssetId, DateTime StartTime, decimal Power, decimal EnergyChange, decimal EnergyBufferLow, decimal EnergyBufferHigh);

/// <summary>
/// The latest snapshot at or before the window's start, and the energy_change of the reserved slots that
/// start at or after its effective_at and before the window (the window's own slots come as positions).
/// </summary>
public sealed record StateInput(string AssetId, DateTime EffectiveAt, decimal StoredEnergy, decimal EnergyChangeBeforeWindow);

public sealed record ForecastInput(string AssetId, DateTime StartTime, decimal Generation);

/// <summary>An inverter and every asset on it (not only those of the page: their positions share it).</summary>
public sealed record InverterInput(string Id, string SiteId, decimal RatedPower, IReadOnlyList<string> AssetIds);

public sealed record InverterLimitInput(string InverterId, DateTime StartTime, decimal? PowerCharge, decimal? PowerDischarge);

public sealed record SiteLimitInput(string SiteId, DateTime StartTime, decimal? ImportPower, decimal? ExportPower);

/// <summary>
/// Everything the fold reads for some assets over the whole window of the request. Positions cover every
/// asset under the same inverters and sites as those assets; the rest covers the assets themselves.
/// </summary>
public sealed record HeadroomInputs(
    HeadroomWindow Window,
    IReadOnlyList<HeadroomAsset> Assets,
    IReadOnlyList<LimitInput> Limits,
    IReadOnlyList<SpecInput> Specs,
    IReadOnlyList<PositionInput> Positions,
    IReadOnlyList<StateInput> States,
    IReadOnlyList<ForecastInput> Forecasts,
    IReadOnlyList<InverterInput> Inverters,
    IReadOnlyList<InverterLimitInput> InverterLimits,
    IReadOnlyList<SiteLimitInput> SiteLimits);
