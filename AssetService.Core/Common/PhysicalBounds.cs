namespace AssetService.Core.Common;

/// <summary>
/// The largest magnitude the service stores for a power (MW), an energy (MWh), a price (per MWh) and a
/// ramp rate (MW/min), after conversion to the canonical unit. The largest battery parks are a few GW and
/// the market price caps a few thousand EUR/MWh: 1,000,000 is far beyond any real asset or price, and
/// small enough that a sum over as many rows as PostgreSQL can count (2^63) stays below 10^25, well
/// inside a decimal (7.9 x 10^28).
/// </summary>
public static class PhysicalBounds
{
    public const decimal MaxMagnitude = 1_000_000m;

    /// <summary>Adds a problem and returns false when <paramref name="value"/> (in <paramref name="unit"/>) is beyond the bound.</summary>
    public static bool Check(decimal value, Loc loc, Problems problems, string unit)
    {
        if (Math.Abs(value) <= MaxMagnitude) return true;
        var (type, bound) = value > 0 ? ("less_than_equal", "at most 1000000") : ("greater_than_equal", "at least -1000000");
        problems.Add(type, loc, $"Input should be {bound} {unit}: the service stores magnitudes up to 1000000 {unit}, beyond any physical asset or price");
        return false;
    }
}
