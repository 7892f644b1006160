using System.Globalization;
using AssetService.Core.Common;

namespace AssetService.Core.Units;

/// <summary>Decimal values on the wire: exact, without trailing zeros, never in exponent form.</summary>
public static class Decimals
{
    // Dividing by 1 written with 28 decimal places drops every trailing zero of the scale.
    private const decimal One = 1.0000000000000000000000000000m;

    public static decimal Normalize(decimal value) => value == 0 ? 0m : value / One;

    public static decimal? Normalize(decimal? value) => value is { } v ? Normalize(v) : null;

    /// <summary>1500.000 -> "1500", 1.50 -> "1.5", 0.0000001 -> "0.0000001".</summary>
    public static string Format(decimal value) => Normalize(value).ToString(CultureInfo.InvariantCulture);

    public static string? Format(decimal? value) => value is { } v ? Format(v) : null;

    /// <summary>A charge or discharge efficiency: a number or numeric string in (0, 1].</summary>
    public static readonly FieldParser<decimal> Efficiency = Positive(max: 1m);

    /// <summary>A ramp rate in MW/min: a number or numeric string, greater than 0, within <see cref="PhysicalBounds"/>.</summary>
    public static readonly FieldParser<decimal> RampRate = Positive(unit: "MW/min");

    private static FieldParser<decimal> Positive(decimal? max = null, string? unit = null)
    {
        var parse = Fields.Decimal(max: max);
        return new(parse.Schema, (System.Text.Json.JsonElement value, Loc loc, Problems problems, out decimal result) =>
        {
            if (!parse.Parse(value, loc, problems, out result)) return false;
            if (result <= 0)
            {
                problems.Add("greater_than", loc, "Input should be greater than 0");
                return false;
            }
            return unit is null || PhysicalBounds.Check(result, loc, problems, unit);
        });
    }
}
