namespace AssetService.Tests.Reliability;

/// <summary>
/// A valid body per write operation (keyed by method and route), as the contract shapes it. The hostile request generator mutates
/// these; an operation without a template still gets malformed, deep and non-object bodies.
/// </summary>
public static class RequestTemplates
{
    private const string Asset = "DE_50HZ_SEED_1";

    private static readonly Dictionary<string, string> Templates = new()
    {
        ["POST v1/assets"] = """{"code":"FUZZ","name":"Fuzz","type":"BESS","region":"DE","delivery_area":"50HZ","provider":"EBX"}""",
        ["PATCH v1/assets/{}"] = """{"name":"Renamed","type":"PV","go_live_date":"2026-12-01","provider":"NFT"}""",
        ["PATCH v1/limits"] = $$$"""{"limits":[{"asset_id":"{{{Asset}}}","source":"CUSTOMER","start_time":"08:00","end_time":"09:00","valid_from":"2026-03-28","valid_until":"2026-03-30","power_charge":-1.5,"power_discharge":2,"energy_low":0.5,"energy_high":3,"trading_locked":false}]}""",
        ["PUT v1/forecasts"] = $$$"""{"forecasts":[{"asset_id":"{{{Asset}}}","start_time":"2026-03-29T00:00:00Z","end_time":"2026-03-29T00:15:00Z","generation":1.2,"consumption":0.3}]}""",
        ["PUT v1/reservations"] = $$$"""{"reservations":[{"asset_id":"{{{Asset}}}","start_time":"2026-03-29T00:00:00Z","end_time":"2026-03-29T00:15:00Z","market":"FCR","source":"OPTIMISATION","power":1,"energy_change":0.25,"energy_buffer_low":0.1,"energy_buffer_high":0.2}]}""",
        ["POST v1/state-snapshots"] = $$$"""{"state_snapshots":[{"asset_id":"{{{Asset}}}","effective_at":"2026-03-29T00:15:00Z","stored_energy":2.5,"charged_energy":0.5,"discharged_energy":null}]}""",
        ["PUT v1/specs"] = $$$"""{"asset_id":"{{{Asset}}}","valid_from":"2026-01-01T00:00:00Z","valid_to":null,"rated_power":{"value":"1500","unit":"kW"},"grid_connection_max_power":{"value":1.5,"unit":"MW"},"max_capacity":{"value":"3","unit":"MWh"},"ramp_rate":"0.5","ramp_type":"LINEAR","charge_efficiency":"0.95","discharge_efficiency":0.94,"daily_cycle_energy_limit":{"value":"6","unit":"MWh"},"prequalified_fcr":{"value":"1","unit":"MW"},"prequalified_afrr_charge":{"value":"1","unit":"MW"},"prequalified_afrr_discharge":{"value":"1","unit":"MW"}}""",
        ["POST v1/sites"] = """{"name":"Fuzz site","code":"FUZZ","region":"DE","delivery_area":"50HZ","dispatch_mode":{"name":"PRICE_BASED","floor_price":{"value":"10","unit":"EUR/MWh"},"strike_price":{"value":"80","unit":"EUR/MWh"}}}""",
        ["PATCH v1/sites/{}"] = """{"name":"Renamed","dispatch_mode_name":"MANUAL","dispatch_mode_floor_price":null,"dispatch_mode_strike_price":null}""",
        ["PUT v1/sites/{}/limits"] = """{"limits":[{"start_time":"2026-03-29T00:00:00Z","end_time":"2026-03-29T00:15:00Z","import_power":5,"export_power":4}]}""",
        ["POST v1/sites/{}/inverters"] = $$$"""{"rated_power":{"value":"2","unit":"MW"},"charge_efficiency":"0.97","discharge_efficiency":0.97,"asset_ids":["{{{Asset}}}"]}""",
        ["PATCH v1/sites/{}/inverters/{}"] = $$$"""{"rated_power":{"value":"2","unit":"MW"},"asset_ids":["{{{Asset}}}"]}""",
        ["PUT v1/sites/{}/inverters/{}/limits"] = """{"limits":[{"start_time":"2026-03-29T00:00:00Z","end_time":"2026-03-29T00:15:00Z","power_charge":-2,"power_discharge":2}]}""",
    };

    /// <summary>The template for a method and function route; route parameters match by position.</summary>
    public static string? For(string method, string route) =>
        Templates.GetValueOrDefault($"{method} {System.Text.RegularExpressions.Regex.Replace(route, "{[^}]+}", "{}")}");
}
