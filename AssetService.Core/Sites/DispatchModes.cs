using AssetService.Core.Common;
using AssetService.Core.Units;

namespace AssetService.Core.Sites;

/// <summary>
/// OPTIMISED and MANUAL take no prices; PRICE_BASED needs a floor and a strike price in one currency
/// with floor &lt;= strike. Checked on the state a request leads to, so a patch is judged by its result.
/// </summary>
public static class DispatchModes
{
    public const string Optimised = "OPTIMISED";
    public const string PriceBased = "PRICE_BASED";
    public const string Manual = "MANUAL";

    public static readonly Vocabulary Names = new(Optimised, PriceBased, Manual)
    {
        Component = "DispatchModeName", Description = "How a site is dispatched. `PRICE_BASED` needs a floor and a strike price; the others take none.",
    };

    /// <summary>Where each part of the mode sits in the request, for the problems found.</summary>
    public sealed record Locs(Loc Name, Loc FloorPrice, Loc StrikePrice, string FloorField, string StrikeField);

    public static void Check(DispatchMode mode, Locs locs, Problems problems)
    {
        if (mode.Name != PriceBased)
        {
            if (mode.FloorPrice is not null)
                problems.Add("value_error", locs.FloorPrice, $"Dispatch mode {mode.Name} takes no {locs.FloorField}; only {PriceBased} has prices");
            if (mode.StrikePrice is not null)
                problems.Add("value_error", locs.StrikePrice, $"Dispatch mode {mode.Name} takes no {locs.StrikeField}; only {PriceBased} has prices");
            return;
        }
        if (mode.FloorPrice is null)
            problems.Add("missing", locs.FloorPrice, $"Dispatch mode {PriceBased} needs a {locs.FloorField}");
        if (mode.StrikePrice is null)
            problems.Add("missing", locs.StrikePrice, $"Dispatch mode {PriceBased} needs a {locs.StrikeField}");
        if (mode.FloorPrice is not { } floor || mode.StrikePrice is not { } strike) return;
        if (floor.Unit != strike.Unit)
            problems.Add("value_error", locs.StrikePrice,
                $"{locs.FloorField} and {locs.StrikeField} must be in the same currency, not {floor.Unit} and {strike.Unit}");
        else if (floor.Value > strike.Value)
            problems.Add("value_error", locs.StrikePrice,
                $"{locs.StrikeField} ({Decimals.Format(strike.Value)} {strike.Unit}) must not be below {locs.FloorField} ({Decimals.Format(floor.Value)} {floor.Unit})");
    }
}
