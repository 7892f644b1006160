using System.Text.Json.Serialization;
using AssetService.Core.Units;

namespace AssetService.Core.Sites;

/// <summary>
/// A site as answered. <c>inverters</c> is left out of a list unless it is expanded; a single site
/// always carries it.
/// </summary>
public sealed record Site(
    string Id,
    string Name,
    string Code,
    string Region,
    string DeliveryArea,
    DispatchMode DispatchMode,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<Inverter>? Inverters);

/// <summary>How the site is dispatched; only PRICE_BASED carries prices (per MWh, one currency).</summary>
public sealed record DispatchMode(string Name, Quantity? FloorPrice, Quantity? StrikePrice);

/// <summary>An inverter of a site, the assets behind it, its rated power in MW and its efficiencies as decimal strings.</summary>
public sealed record Inverter(
    string Id,
    string SiteId,
    Quantity RatedPower,
    string ChargeEfficiency,
    string DischargeEfficiency,
    IReadOnlyList<string> AssetIds);

public sealed record SiteList(IReadOnlyList<Site> Sites, int Limit, int Offset);

/// <summary>A site as stored.</summary>
internal sealed record SiteRow
{
    public const string Columns = "id, name, code, region, delivery_area, dispatch_mode, floor_price, strike_price, price_currency, created_at, updated_at";

    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public string Code { get; init; } = "";
    public string Region { get; init; } = "";
    public string DeliveryArea { get; init; } = "";
    public string DispatchMode { get; init; } = "";
    public decimal? FloorPrice { get; init; }
    public decimal? StrikePrice { get; init; }
    public string? PriceCurrency { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }

    public DispatchMode Mode => new(DispatchMode, Quantity.Price(FloorPrice, PriceCurrency), Quantity.Price(StrikePrice, PriceCurrency));

    public Site ToSite(IReadOnlyList<Inverter>? inverters) =>
        new(Id, Name, Code, Region, DeliveryArea, Mode, CreatedAt, UpdatedAt, inverters);
}

/// <summary>An inverter as stored, with its asset ids aggregated into one array.</summary>
internal sealed record InverterRow
{
    public string Id { get; init; } = "";
    public string SiteId { get; init; } = "";
    public decimal RatedPower { get; init; }
    public decimal ChargeEfficiency { get; init; }
    public decimal DischargeEfficiency { get; init; }
    public string[] AssetIds { get; init; } = [];

    public Inverter ToInverter() => new(Id, SiteId, Quantity.Power(RatedPower),
        Decimals.Format(ChargeEfficiency), Decimals.Format(DischargeEfficiency), AssetIds);
}
