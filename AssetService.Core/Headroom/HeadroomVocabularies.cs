using AssetService.Core.Common;

namespace AssetService.Core.Headroom;

/// <summary>The names the fold gives its terms (<c>limited_by</c>) and the inputs it can miss (<c>missing</c>), contract 7.</summary>
public static class HeadroomVocabularies
{
    public static readonly Vocabulary Bound = new(
        "limits:REPORTED", "limits:OPERATIONS", "limits:CUSTOMER", "limits:PV", "limits:AVAILABILITY",
        "spec.rated_power", "spec.grid_connection_max_power", "forecast.generation",
        "asset_type", "inverter.rated_power", "inverter_limits", "site_limits", "energy", "trading_locked", "assets")
    {
        Component = "HeadroomBound",
        Description = "A term that attains the headroom's least (discharge) or greatest (charge) value, before the floor at 0.",
        Identifiers =
        [
            ("LIMITS_REPORTED", "LimitsReported"), ("LIMITS_OPERATIONS", "LimitsOperations"),
            ("LIMITS_CUSTOMER", "LimitsCustomer"), ("LIMITS_PV", "LimitsPv"),
            ("LIMITS_AVAILABILITY", "LimitsAvailability"), ("SPEC_RATED_POWER", "SpecRatedPower"),
            ("SPEC_GRID_CONNECTION_MAX_POWER", "SpecGridConnectionMaxPower"),
            ("FORECAST_GENERATION", "ForecastGeneration"), ("ASSET_TYPE", "AssetType"),
            ("INVERTER_RATED_POWER", "InverterRatedPower"), ("INVERTER_LIMITS", "InverterLimits"),
            ("SITE_LIMITS", "SiteLimits"), ("ENERGY", "Energy"), ("TRADING_LOCKED", "TradingLocked"),
            ("ASSETS", "Assets"),
        ],
    };

    public static readonly Vocabulary Missing = new("limits", "spec", "state", "forecast")
    {
        Component = "HeadroomMissing",
        Description = "An input the service did not have: `limits` (no limit row at the slot), `spec` (no active spec), `state` (no snapshot at or before `from`; not PV), `forecast` (PV only).",
    };
}
