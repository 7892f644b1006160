using AssetService.Core.Headroom;

namespace AssetService.Tests.Headroom;

/// <summary>The inputs of a headroom fold, written the way a trader states a scenario; slot k is From + k quarter hours.</summary>
public sealed class HeadroomWorld(int slots = 4)
{
    public static readonly DateTime From = new(2026, 6, 10, 10, 0, 0, DateTimeKind.Utc);

    private readonly List<HeadroomAsset> assets = [];
    private readonly List<LimitInput> limits = [];
    private readonly List<SpecInput> specs = [];
    private readonly List<PositionInput> positions = [];
    private readonly List<StateInput> states = [];
    private readonly List<ForecastInput> forecasts = [];
    private readonly List<InverterInput> inverters = [];
    private readonly List<InverterLimitInput> inverterLimits = [];
    private readonly List<SiteLimitInput> siteLimits = [];

    public static DateTime Slot(int k) => From.AddMinutes(15 * k);

    public HeadroomWorld Asset(string id, string type = "BESS", string? inverter = null)
    {
        assets.Add(new HeadroomAsset(id, type, "DE", inverter));
        return this;
    }

    public HeadroomWorld Limit(string id, int k, string source, decimal? charge = null, decimal? discharge = null,
        decimal? energyLow = null, decimal? energyHigh = null, bool? locked = null)
    {
        limits.Add(new LimitInput(id, Slot(k), source, charge, discharge, energyLow, energyHigh, locked));
        return this;
    }

    public HeadroomWorld Spec(string id, decimal? rated = null, decimal? grid = null, decimal? capacity = null,
        decimal? chargeEfficiency = null, decimal? dischargeEfficiency = null)
    {
        specs.Add(new SpecInput(id, From.AddDays(-30), null, rated, grid, capacity, chargeEfficiency, dischargeEfficiency));
        return this;
    }

    /// <summary>The position of a slot: the sums over its reservation rows (the SQL sums them; see the API tests).</summary>
    public HeadroomWorld Reserved(string id, int k, decimal power, decimal energyChange = 0, decimal bufferLow = 0, decimal bufferHigh = 0)
    {
        positions.Add(new PositionInput(id, Slot(k), power, energyChange, bufferLow, bufferHigh));
        return this;
    }

    public HeadroomWorld Stored(string id, decimal storedEnergy, decimal reservedBeforeWindow = 0)
    {
        states.Add(new StateInput(id, From.AddMinutes(-30), storedEnergy, reservedBeforeWindow));
        return this;
    }

    public HeadroomWorld Forecast(string id, int k, decimal generation)
    {
        forecasts.Add(new ForecastInput(id, Slot(k), generation));
        return this;
    }

    public HeadroomWorld Inverter(string id, string site, decimal rated, params string[] assetIds)
    {
        inverters.Add(new InverterInput(id, site, rated, assetIds));
        return this;
    }

    public HeadroomWorld InverterLimit(string id, int k, decimal? charge, decimal? discharge)
    {
        inverterLimits.Add(new InverterLimitInput(id, Slot(k), charge, discharge));
        return this;
    }

    public HeadroomWorld SiteLimit(string site, int k, decimal? import, decimal? export)
    {
        siteLimits.Add(new SiteLimitInput(site, Slot(k), import, export));
        return this;
    }

    public HeadroomFold Fold() => new(new HeadroomInputs(new HeadroomWindow(From, Slot(slots)),
        assets, limits, specs, positions, states, forecasts, inverters, inverterLimits, siteLimits));

    public HeadroomItem Item(string id, int k) => Fold().Items().Single(i => i.AssetId == id && i.StartTime == Slot(k));

    public SiteHeadroomItem Site(string site, int k)
    {
        var fold = Fold();
        return fold.Site(site, "DE", fold.Items()).Single(i => i.StartTime == Slot(k));
    }
}
