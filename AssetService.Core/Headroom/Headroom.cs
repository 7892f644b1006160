namespace AssetService.Core.Headroom;

/// <summary>
/// One side of a quarter hour (contract 7.2): the own capacity, the net position and what is still free,
/// in MW. For the charge side <c>capacity</c> and <c>headroom</c> are &lt;= 0; <c>position</c> is the same
/// signed number on both sides.
/// </summary>
public sealed record Side(decimal? Capacity, decimal Position, decimal? Headroom, IReadOnlyList<string> LimitedBy);

/// <summary>The energy envelope of a quarter hour (MWh), from the latest snapshot at or before the window's start (<c>since</c>).</summary>
public sealed record Energy(decimal Expected, decimal Floor, decimal? Ceiling, decimal DischargeHeadroom, decimal? ChargeHeadroom, DateTime Since);

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
    IReadOnlyList<string> Missing);

public sealed record HeadroomList(IReadOnlyList<HeadroomItem> Headroom, int Limit, int Offset);

/// <summary>What a site can still offer at its connection point in one quarter hour (contract 7.3).</summary>
public sealed record SiteHeadroomItem(DateTime StartTime, DateTime EndTime, DateOnly DeliveryDay, Side Discharge, Side Charge);

public sealed record SiteHeadroomList(string SiteId, IReadOnlyList<SiteHeadroomItem> Headroom, int Limit, int Offset);
