using AssetService.Core.Assets;
using AssetService.Core.Common;
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
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<Inverter>? Inverters)
{
    public static readonly ResponseShape Shape = new(typeof(Site), "Site", "A site with its inverters.")
    {
        AlwaysWritten = [nameof(Inverters)],
        [nameof(Id)] = Wire.Text.Described("`{region}_{delivery_area}_{code}_SITE_{n}`.", "DE_AMPN_IMMST_SITE_1"),
        [nameof(Name)] = AssetFields.Name.Schema,
        [nameof(Code)] = AssetFields.Code.Schema,
        [nameof(Region)] = Fields.OneOf(Vocabularies.Region).Schema,
        [nameof(DeliveryArea)] = Fields.OneOf(Vocabularies.DeliveryArea).Schema,
    };

    public static readonly ResponseShape ListItem = Shape.Like("SiteListItem",
        "A site as the list shows it: `inverters` is there exactly when the request says `expand=inverters`.",
        (nameof(Inverters), Wire.ListOf(Inverter.Shape.Schema).Described("Only with `expand=inverters`: the site's inverters (possibly none).")));
}

/// <summary>How the site is dispatched; only PRICE_BASED carries prices (per MWh, one currency).</summary>
public sealed record DispatchMode(string Name, Quantity? FloorPrice, Quantity? StrikePrice)
{
    public static readonly ResponseShape Shape = new(typeof(DispatchMode), "DispatchMode", "A site's dispatch mode.")
    {
        [nameof(Name)] = Fields.OneOf(DispatchModes.Names).Schema,
        [nameof(FloorPrice)] = QuantityJsonConverter.PriceSchema.Described("Set only for `PRICE_BASED`."),
        [nameof(StrikePrice)] = QuantityJsonConverter.PriceSchema.Described("Set only for `PRICE_BASED`."),
    };
}

/// <summary>An inverter of a site, the assets behind it, its rated power in MW and its efficiencies as decimal strings.</summary>
public sealed record Inverter(
    string Id,
    string SiteId,
    Quantity RatedPower,
    string ChargeEfficiency,
    string DischargeEfficiency,
    IReadOnlyList<string> AssetIds)
{
    public static readonly ResponseShape Shape = new(typeof(Inverter), "Inverter", "An inverter of a site.")
    {
        [nameof(Id)] = Wire.Text.Described("`{site_id}_INV_{n}`.", "DE_AMPN_IMMST_SITE_1_INV_1"),
        [nameof(SiteId)] = Wire.Text,
        [nameof(RatedPower)] = QuantityJsonConverter.PowerSchema,
        [nameof(ChargeEfficiency)] = Wire.DecimalString.Described("In (0, 1]."),
        [nameof(DischargeEfficiency)] = Wire.DecimalString.Described("In (0, 1]."),
        [nameof(AssetIds)] = Wire.ListOf(PeriodFields.AssetId.Schema, minItems: 1).Described("Assets behind this inverter, in id order."),
    };
}

public sealed record SiteList(IReadOnlyList<Site> Sites, int Limit, int Offset)
{
    public static readonly ResponseShape Shape = ResponseShape.Page(typeof(SiteList), "SiteListResponse", "A page of sites ordered by id.",
        (nameof(Sites), Wire.ListOf(Site.ListItem.Schema).Described("Items carry `inverters` only with `expand=inverters`.")));
}

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
