namespace AssetService.Tests.Headroom;

/// <summary>Contract 7.2, rule by rule, on the fold alone; the arithmetic of each scenario is written out.</summary>
public sealed class HeadroomFoldTests
{
    [Fact]
    public void The_most_restrictive_source_wins_and_every_source_at_that_value_is_named()
    {
        var item = new HeadroomWorld()
            .Asset("A").Spec("A", rated: 10, grid: 12)
            .Limit("A", 0, "REPORTED", charge: -6, discharge: 8)
            .Limit("A", 0, "OPERATIONS", discharge: 5)
            .Limit("A", 0, "CUSTOMER", charge: -7, discharge: 5)
            .Item("A", 0);
        // discharge: least of 8, 5, 5 (limits), 10 (rated), 12 (grid) = 5, attained by OPERATIONS and CUSTOMER
        Assert.Equal(5m, item.Discharge.Capacity);
        Assert.Equal(5m, item.Discharge.Headroom);
        Assert.Equal(["limits:OPERATIONS", "limits:CUSTOMER"], item.Discharge.LimitedBy);
        // charge: greatest of -6, -7 (limits), -10 (rated), -12 (grid) = -6
        Assert.Equal(-6m, item.Charge.Capacity);
        Assert.Equal(-6m, item.Charge.Headroom);
        Assert.Equal(["limits:REPORTED"], item.Charge.LimitedBy);
    }

    [Fact]
    public void The_spec_bounds_when_it_is_tighter_than_every_limit()
    {
        var item = new HeadroomWorld().Asset("A").Spec("A", rated: 4, grid: 4).Limit("A", 0, "REPORTED", -9, 9).Item("A", 0);
        // least of 9 (limits), 4 (rated), 4 (grid) = 4: both spec fields attain it
        Assert.Equal(4m, item.Discharge.Headroom);
        Assert.Equal(["spec.rated_power", "spec.grid_connection_max_power"], item.Discharge.LimitedBy);
        Assert.Equal(-4m, item.Charge.Headroom);
    }

    [Fact]
    public void The_position_is_taken_off_the_discharge_side_and_added_to_the_charge_side()
    {
        var item = new HeadroomWorld().Asset("A").Spec("A", rated: 10).Limit("A", 0, "REPORTED", -10, 10)
            .Reserved("A", 0, power: 3.5m).Item("A", 0);
        // sold 3.5 MW: discharge 10 - 3.5 = 6.5 more; charge -10 - 3.5 = -13.5 (buy the sale back, then charge fully)
        Assert.Equal(3.5m, item.Discharge.Position);
        Assert.Equal(3.5m, item.Charge.Position);
        Assert.Equal(6.5m, item.Discharge.Headroom);
        Assert.Equal(-13.5m, item.Charge.Headroom);
    }

    [Fact]
    public void A_position_beyond_the_capacity_leaves_zero_and_still_names_the_bound()
    {
        var item = new HeadroomWorld().Asset("A").Spec("A", rated: 5).Limit("A", 0, "REPORTED", -5, 5).Reserved("A", 0, power: 6).Item("A", 0);
        // 5 - 6 = -1, floored at 0; limited_by is read before the floor
        Assert.Equal(0m, item.Discharge.Headroom);
        Assert.Equal(["limits:REPORTED", "spec.rated_power"], item.Discharge.LimitedBy);
    }

    [Fact]
    public void Efficiencies_scale_the_energy_bound()
    {
        var item = new HeadroomWorld(slots: 1)
            .Asset("A").Spec("A", rated: 20, capacity: 3, chargeEfficiency: 0.8m, dischargeEfficiency: 0.9m)
            .Limit("A", 0, "REPORTED", -20, 20).Stored("A", 2).Item("A", 0);
        // discharge: 2 MWh above a floor of 0, x 0.9 delivered, over 0.25 h = 7.2 MW
        Assert.Equal(2m, item.Energy!.DischargeHeadroom);
        Assert.Equal(7.2m, item.Discharge.Headroom);
        Assert.Equal(["energy"], item.Discharge.LimitedBy);
        // charge: ceiling 3 - expected 2 = 1 MWh of room, / (0.8 x 0.25 h) = 5 MW bought
        Assert.Equal(1m, item.Energy.ChargeHeadroom);
        Assert.Equal(-5m, item.Charge.Headroom);
        Assert.Equal(["energy"], item.Charge.LimitedBy);
    }

    [Fact]
    public void Values_are_rounded_to_six_places()
    {
        var item = new HeadroomWorld(slots: 1).Asset("A").Spec("A", rated: 20, capacity: 3, chargeEfficiency: 0.9m)
            .Stored("A", 2).Item("A", 0);
        // 1 MWh / (0.9 x 0.25 h) = 4.444... MW
        Assert.Equal(-4.444444m, item.Charge.Headroom);
    }

    [Fact]
    public void A_later_slots_floor_limits_an_earlier_slots_discharge()
    {
        var world = new HeadroomWorld(slots: 3).Asset("A").Spec("A", rated: 10, capacity: 10)
            .Limit("A", 0, "REPORTED", -10, 10).Limit("A", 1, "REPORTED", -10, 10)
            .Limit("A", 2, "OPERATIONS", energyLow: 3.5m).Stored("A", 4);
        var first = world.Item("A", 0);
        // expected 4 MWh in every slot; floors 0, 0, 3.5: least over j >= 0 of (4 - 0, 4 - 0, 4 - 3.5) = 0.5 MWh
        // 0.5 MWh / 0.25 h = 2 MW, below the 10 MW of the limits
        Assert.Equal(0m, first.Energy!.Floor);
        Assert.Equal(0.5m, first.Energy.DischargeHeadroom);
        Assert.Equal(2m, first.Discharge.Headroom);
        Assert.Equal(["energy"], first.Discharge.LimitedBy);
        Assert.Equal(3.5m, world.Item("A", 2).Energy!.Floor);
    }

    [Fact]
    public void Reserved_energy_and_buffers_move_the_expected_level_and_the_band()
    {
        var world = new HeadroomWorld(slots: 2).Asset("A").Spec("A", rated: 10, capacity: 10)
            .Limit("A", 0, "REPORTED", -10, 10).Limit("A", 1, "REPORTED", -10, 10, energyHigh: 9)
            .Stored("A", 5, reservedBeforeWindow: -1)
            .Reserved("A", 0, power: 4, energyChange: -1, bufferLow: 0.5m, bufferHigh: 0.25m)
            .Reserved("A", 1, power: -2, energyChange: 0.5m);
        var (first, second) = (world.Item("A", 0), world.Item("A", 1));
        // expected: 5 - 1 (reserved before from) - 1 = 3 after slot 0, + 0.5 = 3.5 after slot 1
        Assert.Equal(3m, first.Energy!.Expected);
        Assert.Equal(3.5m, second.Energy!.Expected);
        // slot 0: floor 0 + 0.5 buffer; ceiling min(max_capacity 10) - 0.25 = 9.75; slot 1: ceiling min(9, 10) = 9
        Assert.Equal(0.5m, first.Energy.Floor);
        Assert.Equal(9.75m, first.Energy.Ceiling);
        Assert.Equal(9m, second.Energy.Ceiling);
        // discharge room at 0: least(3 - 0.5, 3.5 - 0) = 2.5 MWh; charge room: least(9.75 - 3, 9 - 3.5) = 5.5 MWh
        Assert.Equal(2.5m, first.Energy.DischargeHeadroom);
        Assert.Equal(5.5m, first.Energy.ChargeHeadroom);
        // slot 0 power: discharge least(10 - 4, 2.5 / 0.25 = 10) = 6 (limits); charge greatest(-10 - 4, -5.5 / 0.25 = -22) = -14
        Assert.Equal(6m, first.Discharge.Headroom);
        Assert.Equal(-14m, first.Charge.Headroom);
        Assert.Equal(first.Energy.Since, HeadroomWorld.From.AddMinutes(-30));
    }

    [Fact]
    public void Without_a_ceiling_the_charge_side_has_no_energy_bound()
    {
        var item = new HeadroomWorld(slots: 1).Asset("A").Limit("A", 0, "REPORTED", -3, 3).Stored("A", 1).Item("A", 0);
        Assert.Null(item.Energy!.Ceiling);
        Assert.Null(item.Energy.ChargeHeadroom);
        Assert.Equal(-3m, item.Charge.Headroom);
        Assert.Equal(["limits:REPORTED"], item.Charge.LimitedBy);
        // discharge: least(3, 1 MWh / 0.25 h = 4) = 3
        Assert.Equal(3m, item.Discharge.Headroom);
    }

    [Fact]
    public void Trading_locked_gives_zero_on_both_sides()
    {
        var world = new HeadroomWorld(slots: 2).Asset("A").Spec("A", rated: 10)
            .Limit("A", 0, "REPORTED", -10, 10).Limit("A", 0, "OPERATIONS", locked: true)
            .Limit("A", 1, "REPORTED", -10, 10).Limit("A", 1, "OPERATIONS", locked: false);
        var locked = world.Item("A", 0);
        Assert.True(locked.TradingLocked);
        Assert.Equal(0m, locked.Discharge.Headroom);
        Assert.Equal(0m, locked.Charge.Headroom);
        Assert.Equal(["trading_locked"], locked.Discharge.LimitedBy);
        Assert.Equal(["trading_locked"], locked.Charge.LimitedBy);
        Assert.Equal(10m, locked.Discharge.Capacity);
        var free = world.Item("A", 1);
        Assert.False(free.TradingLocked);
        Assert.Equal(10m, free.Discharge.Headroom);
    }

    [Fact]
    public void A_pv_asset_is_bounded_by_its_forecast_and_cannot_charge()
    {
        var world = new HeadroomWorld(slots: 2).Asset("P", type: "PV").Spec("P", rated: 5)
            .Limit("P", 0, "PV", discharge: 6).Limit("P", 1, "PV", discharge: 6).Forecast("P", 0, 3.2m);
        var sunny = world.Item("P", 0);
        // least of 6 (limits), 5 (rated), 3.2 (forecast) = 3.2
        Assert.Equal(3.2m, sunny.Discharge.Headroom);
        Assert.Equal(["forecast.generation"], sunny.Discharge.LimitedBy);
        Assert.Equal(0m, sunny.Charge.Capacity);
        Assert.Equal(0m, sunny.Charge.Headroom);
        Assert.Equal(["asset_type"], sunny.Charge.LimitedBy);
        Assert.Null(sunny.Energy);
        Assert.Empty(sunny.Missing);
        var noForecast = world.Item("P", 1);
        Assert.Equal(5m, noForecast.Discharge.Headroom);
        Assert.Equal(["forecast"], noForecast.Missing);
    }

    [Fact]
    public void Two_assets_on_one_inverter_share_it()
    {
        var world = new HeadroomWorld(slots: 1)
            .Asset("A", inverter: "I").Asset("B", inverter: "I").Inverter("I", "S", 4, "A", "B")
            .Spec("A", rated: 3).Spec("B", rated: 3).Reserved("A", 0, 1.5m).Reserved("B", 0, 2);
        var (a, b) = (world.Item("A", 0), world.Item("B", 0));
        // A alone: 3 - 1.5 = 1.5; the inverter: 4 - (1.5 + 2) = 0.5, for either asset
        Assert.Equal(0.5m, a.Discharge.Headroom);
        Assert.Equal(["inverter.rated_power"], a.Discharge.LimitedBy);
        Assert.Equal(0.5m, b.Discharge.Headroom);
        // charge: A alone -3 - 1.5 = -4.5; the inverter -4 - 3.5 = -7.5: A's own bound is the tighter
        Assert.Equal(-4.5m, a.Charge.Headroom);
        Assert.Equal(["spec.rated_power"], a.Charge.LimitedBy);
    }

    [Fact]
    public void Inverter_limits_bound_the_positions_under_them()
    {
        var item = new HeadroomWorld(slots: 1)
            .Asset("A", inverter: "I").Asset("B", inverter: "I").Inverter("I", "S", 10, "A", "B").InverterLimit("I", 0, -1, 3)
            .Spec("A", rated: 5).Reserved("B", 0, -1).Item("A", 0);
        // inverter limit 3 - (0 + -1) = 4, below A's 5 and the inverter's rated 10 - -1 = 11
        Assert.Equal(4m, item.Discharge.Headroom);
        Assert.Equal(["inverter_limits"], item.Discharge.LimitedBy);
        // charge: greatest(-5, -10 + 1 = -9, -1 + 1 = 0) = 0
        Assert.Equal(0m, item.Charge.Headroom);
        Assert.Equal(["inverter_limits"], item.Charge.LimitedBy);
    }

    [Fact]
    public void A_site_limit_bounds_every_asset_on_the_site()
    {
        var world = new HeadroomWorld(slots: 1)
            .Asset("A", inverter: "I1").Asset("B", inverter: "I2")
            .Inverter("I1", "S", 10, "A").Inverter("I2", "S", 10, "B").SiteLimit("S", 0, import: 2, export: 3)
            .Spec("A", rated: 8).Spec("B", rated: 8).Reserved("A", 0, 1).Reserved("B", 0, 1.5m);
        var a = world.Item("A", 0);
        // export 3 - (1 + 1.5) = 0.5, below A's 8 - 1 = 7 and its inverter's 10 - 1 = 9
        Assert.Equal(0.5m, a.Discharge.Headroom);
        Assert.Equal(["site_limits"], a.Discharge.LimitedBy);
        // import: -2 - 2.5 = -4.5, above -8 - 1 = -9
        Assert.Equal(-4.5m, a.Charge.Headroom);
        Assert.Equal(["site_limits"], a.Charge.LimitedBy);
    }

    [Fact]
    public void Missing_inputs_are_listed_and_leave_the_headroom_null()
    {
        var item = new HeadroomWorld(slots: 1).Asset("A").Item("A", 0);
        Assert.Equal(["limits", "spec", "state"], item.Missing);
        Assert.Null(item.Discharge.Capacity);
        Assert.Null(item.Discharge.Headroom);
        Assert.Empty(item.Discharge.LimitedBy);
        Assert.Null(item.Charge.Headroom);
        Assert.Null(item.Energy);
        Assert.Equal(0m, item.Discharge.Position);
    }

    [Fact]
    public void The_site_offers_the_least_of_its_limit_and_what_its_inverters_and_assets_can_deliver()
    {
        var world = new HeadroomWorld(slots: 2)
            .Asset("A", inverter: "I1").Asset("B", inverter: "I1").Asset("C", inverter: "I2")
            .Inverter("I1", "S", 4, "A", "B").Inverter("I2", "S", 10, "C").SiteLimit("S", 0, import: 20, export: 20)
            .Spec("A", rated: 3).Spec("B", rated: 3).Spec("C", rated: 1)
            .Reserved("A", 0, 1).Reserved("C", 0, 0.5m);
        var site = world.Site("S", 0);
        Assert.Equal(1.5m, site.Discharge.Position);
        // capacity: least(20, min(4, 3 + 3) + min(10, 1)) = least(20, 4 + 1) = 5
        Assert.Equal(5m, site.Discharge.Capacity);
        // assets: A least(3 - 1, inverter 4 - 1) = 2, B least(3 - 0, 4 - 1) = 3, C least(1 - 0.5, 10 - 0.5) = 0.5
        // I1: least(4 - 1 = 3, 2 + 3 = 5) = 3 (inverter.rated_power); I2: least(10 - 0.5, 0.5) = 0.5 (assets)
        // site: least(20 - 1.5 = 18.5, 3 + 0.5 = 3.5) = 3.5
        Assert.Equal(3.5m, site.Discharge.Headroom);
        Assert.Equal(["inverter.rated_power", "assets"], site.Discharge.LimitedBy);
        // charge: assets A greatest(-3 - 1, -4 - 1) = -4, B greatest(-3, -5) = -3, C greatest(-1 - 0.5, -10.5) = -1.5
        // I1: greatest(-4 - 1 = -5, -4 + -3 = -7) = -5; I2: greatest(-10.5, -1.5) = -1.5; site greatest(-20 - 1.5, -6.5) = -6.5
        Assert.Equal(-6.5m, site.Charge.Headroom);
        Assert.Equal(["inverter.rated_power", "assets"], site.Charge.LimitedBy);
        var noSiteLimit = world.Site("S", 1);
        // no site limit and no positions: I1 least(4, 3 + 3) = 4, I2 least(10, 1) = 1
        Assert.Equal(5m, noSiteLimit.Discharge.Headroom);
    }

    [Fact]
    public void A_tight_site_limit_names_site_limits()
    {
        var site = new HeadroomWorld(slots: 1)
            .Asset("A", inverter: "I").Inverter("I", "S", 10, "A").SiteLimit("S", 0, import: 1, export: 2)
            .Spec("A", rated: 8).Reserved("A", 0, 2.5m).Site("S", 0);
        // export 2 - 2.5 = -0.5 -> floored at 0; the asset side: least(10 - 2.5, A's least(8 - 2.5, site 2 - 2.5 -> 0)) = 0
        Assert.Equal(0m, site.Discharge.Headroom);
        Assert.Equal(["site_limits"], site.Discharge.LimitedBy);
        // charge: -1 - 2.5 = -3.5; inverter side greatest(-10 - 2.5, A's greatest(-8 - 2.5, -1 - 2.5) = -3.5) = -3.5: a tie
        Assert.Equal(-3.5m, site.Charge.Headroom);
        Assert.Equal(["site_limits", "assets"], site.Charge.LimitedBy);
    }
}
