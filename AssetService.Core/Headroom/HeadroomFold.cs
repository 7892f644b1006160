using AssetService.Core.Common;

namespace AssetService.Core.Headroom;

/// <summary>
/// Contract 7.2 and 7.3 in one place: the inputs of a read folded into headroom per asset (or site) and
/// quarter hour, in exact decimals. Pure: no I/O, no clock, so every rule is a unit test.
/// </summary>
public sealed class HeadroomFold
{
    /// <summary>Δt, the length of a quarter hour in hours.</summary>
    private const decimal QuarterHourHours = 0.25m;

    private readonly HeadroomWindow window;
    private readonly Dictionary<(string, DateTime), LimitInput[]> limits;
    private readonly ILookup<string, SpecInput> specs;
    private readonly Dictionary<(string, DateTime), PositionInput> positions;
    private readonly Dictionary<string, StateInput> states;
    private readonly Dictionary<(string, DateTime), decimal> generation;
    private readonly Dictionary<string, InverterInput> inverters;
    private readonly Dictionary<string, decimal[]> underInverter;
    private readonly Dictionary<string, decimal[]> underSite;
    private readonly Dictionary<(string, DateTime), InverterLimitInput> inverterLimits;
    private readonly Dictionary<(string, DateTime), SiteLimitInput> siteLimits;
    private readonly IReadOnlyList<HeadroomAsset> assets;
    private readonly Dictionary<string, DateOnly[]> deliveryDays = [];

    public HeadroomFold(HeadroomInputs inputs)
    {
        window = inputs.Window;
        assets = inputs.Assets;
        // Each slot's rows in the order of the sources, sorted once rather than per item (9,600 in a 100-asset day).
        limits = inputs.Limits.OrderBy(l => LimitOrder(l.Source)).GroupBy(l => (l.AssetId, l.StartTime)).ToDictionary(g => g.Key, g => g.ToArray());
        specs = inputs.Specs.ToLookup(s => s.AssetId);
        positions = inputs.Positions.ToDictionary(p => (p.AssetId, p.StartTime));
        states = inputs.States.ToDictionary(s => s.AssetId);
        generation = inputs.Forecasts.ToDictionary(f => (f.AssetId, f.StartTime), f => f.Generation);
        inverters = inputs.Inverters.ToDictionary(i => i.Id);
        inverterLimits = inputs.InverterLimits.ToDictionary(l => (l.InverterId, l.StartTime));
        siteLimits = inputs.SiteLimits.ToDictionary(l => (l.SiteId, l.StartTime));
        // Per slot, the sum of the positions of the assets on each inverter and on each site's inverters:
        // every item of those assets reads it (a shared bound - the positions under it).
        underInverter = inputs.Inverters.ToDictionary(i => i.Id, i => PositionsPerSlot(i.AssetIds));
        underSite = inputs.Inverters.GroupBy(i => i.SiteId).ToDictionary(g => g.Key, g => PositionsPerSlot([.. g.SelectMany(i => i.AssetIds)]));
    }

    /// <summary>Every asset of the inputs, every quarter hour of the window, ordered by (asset_id, start_time).</summary>
    public IEnumerable<HeadroomItem> Items() => assets.SelectMany(Items);

    /// <summary>One asset's quarter hours; the energy envelope spans the whole window.</summary>
    public IEnumerable<HeadroomItem> Items(HeadroomAsset asset)
    {
        var energy = EnergyEnvelope(asset);
        for (var k = 0; k < window.Slots; k++) yield return Item(asset, k, energy?[k]);
    }

    /// <summary>Position: the sum of power over the asset's reservation rows at the slot; 0 when there are none.</summary>
    private decimal Position(string assetId, DateTime start) => positions.TryGetValue((assetId, start), out var p) ? p.Power : 0m;

    private decimal[] PositionsPerSlot(IReadOnlyList<string> assetIds) =>
        [.. Enumerable.Range(0, window.Slots).Select(k => assetIds.Sum(id => Position(id, window.Slot(k))))];

    /// <summary>The active spec: the version whose [valid_from, valid_to) holds the slot's start.</summary>
    private SpecInput? ActiveSpec(string assetId, DateTime start)
    {
        foreach (var s in specs[assetId])
            if (s.ValidFrom <= start && (s.ValidTo is null || start < s.ValidTo)) return s;
        return null;
    }

    /// <summary>The asset's limit rows at the slot, one per source, in the order of the sources.</summary>
    private LimitInput[] LimitRows(string assetId, DateTime start) => limits.GetValueOrDefault((assetId, start), []);

    private HeadroomItem Item(HeadroomAsset asset, int k, Energy? energy)
    {
        var start = window.Slot(k);
        var rows = LimitRows(asset.Id, start);
        var spec = ActiveSpec(asset.Id, start);
        var pv = asset.Type == "PV";
        decimal? forecast = generation.TryGetValue((asset.Id, start), out var g) ? g : null;
        var position = Position(asset.Id, start);

        // Own capacity. Discharge: the least of the sources' power_discharge, rated power, grid connection
        // and, for PV, the forecast generation. Charge: the greatest of power_charge, -rated, -grid; PV 0.
        var ownDischarge = Pick.Least();
        foreach (var r in rows) ownDischarge.Add(r.PowerDischarge, LimitNames[r.Source]);
        ownDischarge.Add(spec?.RatedPower, "spec.rated_power");
        ownDischarge.Add(spec?.GridConnectionMaxPower, "spec.grid_connection_max_power");
        if (pv) ownDischarge.Add(forecast, "forecast.generation");
        var ownCharge = Pick.Greatest();
        if (pv) ownCharge.Add(0m, "asset_type");
        else
        {
            foreach (var r in rows) ownCharge.Add(r.PowerCharge, LimitNames[r.Source]);
            ownCharge.Add(-spec?.RatedPower, "spec.rated_power");
            ownCharge.Add(-spec?.GridConnectionMaxPower, "spec.grid_connection_max_power");
        }

        // Headroom terms: own capacity - position; each shared bound - the positions under it; energy.
        var discharge = Pick.Least();
        var charge = Pick.Greatest();
        discharge.Add(ownDischarge.Value - position, ownDischarge.Names);
        charge.Add(ownCharge.Value - position, ownCharge.Names);
        if (asset.InverterId is { } inverterId && inverters.TryGetValue(inverterId, out var inverter))
        {
            var onInverter = underInverter[inverterId][k];
            discharge.Add(inverter.RatedPower - onInverter, "inverter.rated_power");
            charge.Add(-inverter.RatedPower - onInverter, "inverter.rated_power");
            if (inverterLimits.TryGetValue((inverterId, start), out var il))
            {
                discharge.Add(il.PowerDischarge - onInverter, "inverter_limits");
                charge.Add(il.PowerCharge - onInverter, "inverter_limits");
            }
            if (siteLimits.TryGetValue((inverter.SiteId, start), out var sl))
            {
                var onSite = underSite[inverter.SiteId][k];
                discharge.Add(sl.ExportPower - onSite, "site_limits");
                charge.Add(-sl.ImportPower - onSite, "site_limits");
            }
        }
        if (energy is not null)
        {
            discharge.Add(energy.DischargeHeadroom * (spec?.DischargeEfficiency ?? 1m) / QuarterHourHours, "energy");
            charge.Add(-energy.ChargeHeadroom / ((spec?.ChargeEfficiency ?? 1m) * QuarterHourHours), "energy");
        }
        var (dischargeRoom, dischargeBy) = (discharge.Value, discharge.Names);
        var (chargeRoom, chargeBy) = (charge.Value, charge.Names);

        var locked = rows.Any(r => r.TradingLocked == true);
        if (locked) (dischargeRoom, dischargeBy, chargeRoom, chargeBy) = (0m, ["trading_locked"], 0m, ["trading_locked"]);

        var roundedPosition = Terms.Round(position);
        return new HeadroomItem(asset.Id, start, start + QuarterHour.Length, DeliveryDayOf(k, asset.Region), locked,
            new Side(ownDischarge.Value, roundedPosition, dischargeRoom is { } d ? Math.Max(0m, d) : null, dischargeBy),
            new Side(ownCharge.Value, roundedPosition, chargeRoom is { } c ? Math.Min(0m, c) : null, chargeBy),
            energy, Missing(pv, rows.Length > 0, spec is not null, states.ContainsKey(asset.Id), forecast is not null));
    }

    private static List<string> Missing(bool pv, bool limits, bool spec, bool state, bool forecast)
    {
        List<string> missing = [];
        if (!limits) missing.Add("limits");
        if (!spec) missing.Add("spec");
        if (!pv && !state) missing.Add("state");
        if (pv && !forecast) missing.Add("forecast");
        return missing;
    }

    /// <summary>
    /// Energy per slot from the latest snapshot at or before the window's start: expected after each slot,
    /// floor and ceiling, and the stored energy that can still go (discharge) or come (charge) without any
    /// slot from k to the window's end leaving its band. Null for PV and for an asset without a snapshot.
    /// </summary>
    private Energy[]? EnergyEnvelope(HeadroomAsset asset)
    {
        if (asset.Type == "PV" || !states.TryGetValue(asset.Id, out var state)) return null;
        var n = window.Slots;
        var (expected, floor, ceiling) = (new decimal[n], new decimal[n], new decimal?[n]);
        var stored = state.StoredEnergy + state.EnergyChangeBeforeWindow;
        for (var k = 0; k < n; k++)
        {
            var start = window.Slot(k);
            var rows = LimitRows(asset.Id, start);
            positions.TryGetValue((asset.Id, start), out var reserved);
            stored += reserved?.EnergyChange ?? 0m;
            expected[k] = stored;
            var energyLow = rows.Max(r => r.EnergyLow);
            floor[k] = Math.Max(0m, energyLow ?? 0m) + (reserved?.EnergyBufferLow ?? 0m);
            var top = Pick.Least();
            top.Add(rows.Min(r => r.EnergyHigh));
            top.Add(ActiveSpec(asset.Id, start)?.MaxCapacity);
            ceiling[k] = top.Value - (reserved?.EnergyBufferHigh ?? 0m);
        }
        var envelope = new Energy[n];
        decimal? leastAbove = null, leastBelow = null;
        for (var k = n - 1; k >= 0; k--)
        {
            leastAbove = Math.Min(leastAbove ?? decimal.MaxValue, expected[k] - floor[k]);
            if (ceiling[k] is { } c) leastBelow = Math.Min(leastBelow ?? decimal.MaxValue, c - expected[k]);
            envelope[k] = new Energy(Terms.Round(expected[k]), Terms.Round(floor[k]), Terms.Round(ceiling[k]),
                Terms.Round(Math.Max(0m, leastAbove.Value)), leastBelow is { } b ? Terms.Round(Math.Max(0m, b)) : null, state.EffectiveAt);
        }
        return envelope;
    }

    /// <summary>
    /// Contract 7.3: the site's quarter hours at its connection point, from the 7.2 items of every asset on
    /// its inverters (<paramref name="assetItems"/>, the whole window).
    /// </summary>
    public IReadOnlyList<SiteHeadroomItem> Site(string siteId, string region, IEnumerable<HeadroomItem> assetItems)
    {
        var items = assetItems.ToDictionary(i => (i.AssetId, i.StartTime));
        var onSite = inverters.Values.Where(i => i.SiteId == siteId).OrderBy(i => i.Id, StringComparer.Ordinal).ToArray();
        var result = new List<SiteHeadroomItem>(window.Slots);
        for (var k = 0; k < window.Slots; k++)
        {
            var start = window.Slot(k);
            var of = (string id) => items.GetValueOrDefault((id, start));
            siteLimits.TryGetValue((siteId, start), out var site);
            var position = onSite.SelectMany(i => i.AssetIds).Sum(id => Position(id, start));
            var perInverter = onSite.Select(i => (
                Inverter: i,
                Under: i.AssetIds.Sum(id => Position(id, start)),
                Limit: inverterLimits.GetValueOrDefault((i.Id, start)),
                Assets: i.AssetIds.Select(of).OfType<HeadroomItem>().ToArray())).ToArray();

            var dischargeCapacity = Terms.Least([
                ..Known(site?.ExportPower, "site_limits"),
                ..Known(Terms.Sum(perInverter.Select(i => Terms.Least([
                    new Term(i.Inverter.RatedPower, "inverter.rated_power"),
                    ..Known(i.Limit?.PowerDischarge, "inverter_limits"),
                    ..Known(Terms.Sum(i.Assets.Select(a => a.Discharge.Capacity)), "assets"),
                ]).Value)), ""),
            ]).Value;
            var chargeCapacity = Terms.Greatest([
                ..Known(-site?.ImportPower, "site_limits"),
                ..Known(Terms.Sum(perInverter.Select(i => Terms.Greatest([
                    new Term(-i.Inverter.RatedPower, "inverter.rated_power"),
                    ..Known(i.Limit?.PowerCharge, "inverter_limits"),
                    ..Known(Terms.Sum(i.Assets.Select(a => a.Charge.Capacity)), "assets"),
                ]).Value)), ""),
            ]).Value;

            var dischargeInverters = perInverter.Select(i => Terms.Least([
                new Term(i.Inverter.RatedPower - i.Under, "inverter.rated_power"),
                ..Known(i.Limit?.PowerDischarge - i.Under, "inverter_limits"),
                ..Known(Terms.Sum(i.Assets.Select(a => a.Discharge.Headroom)), "assets"),
            ])).ToArray();
            var chargeInverters = perInverter.Select(i => Terms.Greatest([
                new Term(-i.Inverter.RatedPower - i.Under, "inverter.rated_power"),
                ..Known(i.Limit?.PowerCharge - i.Under, "inverter_limits"),
                ..Known(Terms.Sum(i.Assets.Select(a => a.Charge.Headroom)), "assets"),
            ])).ToArray();
            var (discharge, dischargeBy) = Terms.Least([
                ..Known(site?.ExportPower - position, "site_limits"),
                ..Known(Terms.Sum(dischargeInverters.Select(i => i.Value)), dischargeInverters.SelectMany(i => i.Names).Distinct().ToArray()),
            ]);
            var (charge, chargeBy) = Terms.Greatest([
                ..Known(-site?.ImportPower - position, "site_limits"),
                ..Known(Terms.Sum(chargeInverters.Select(i => i.Value)), chargeInverters.SelectMany(i => i.Names).Distinct().ToArray()),
            ]);
            var roundedPosition = Terms.Round(position);
            result.Add(new SiteHeadroomItem(start, start + QuarterHour.Length, DeliveryDayOf(k, region),
                new Side(Terms.Round(dischargeCapacity), roundedPosition, discharge is { } d ? Math.Max(0m, d) : null, dischargeBy),
                new Side(Terms.Round(chargeCapacity), roundedPosition, charge is { } c ? Math.Min(0m, c) : null, chargeBy)));
        }
        return result;
    }

    private DateOnly DeliveryDayOf(int k, string region)
    {
        if (!deliveryDays.TryGetValue(region, out var days))
            deliveryDays[region] = days = [.. Enumerable.Range(0, window.Slots).Select(j => DeliveryDay.Of(window.Slot(j), region))];
        return days[k];
    }

    private static Term[] Known(decimal? value, string name) => value is { } v ? [new Term(v, name)] : [];

    private static Term[] Known(decimal? value, IReadOnlyList<string> names) => value is { } v ? [new Term(v, names)] : [];

    private static readonly List<string> SourceOrder = [.. Limits.LimitSources.All.Values];

    private static int LimitOrder(string source) => SourceOrder.IndexOf(source);

    private static readonly Dictionary<string, IReadOnlyList<string>> LimitNames = SourceOrder.ToDictionary(s => s, s => (IReadOnlyList<string>)["limits:" + s]);
}
