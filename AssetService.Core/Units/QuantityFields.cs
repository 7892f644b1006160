using System.Text.Json;
using AssetService.Core.Common;

namespace AssetService.Core.Units;

/// <summary>Reads <c>{"value": number or numeric string, "unit": "..."}</c> and converts it to the canonical unit.</summary>
public static class QuantityFields
{
    /// <summary>A power (kW, MW, GW) in MW, at least <paramref name="min"/> when given.</summary>
    public static FieldParser<Quantity> Power(decimal? min = 0m, bool positive = false) => Of(Dimension.Power, min, positive);

    /// <summary>An energy (kWh, MWh, GWh) in MWh, never negative.</summary>
    public static FieldParser<Quantity> Energy() => Of(Dimension.Energy, 0m, false);

    /// <summary>A price per MWh in EUR or PLN; negative prices are real in power markets.</summary>
    public static FieldParser<Quantity> Price() => Of(Dimension.Price, null, false);

    public static FieldParser<Quantity> Of(Dimension dimension, decimal? min, bool positive) =>
        (JsonElement element, Loc loc, Problems problems, out Quantity result) =>
        {
            result = null!;
            var before = problems.Count;
            var obj = JsonObject.Open(element, loc, problems);
            if (obj is null) return false;
            var value = obj.Required("value", Fields.Decimal(min: min));
            var symbol = obj.Required("unit", Fields.String());
            obj.RejectUnknownFields();
            if (problems.Count != before) return false;

            if (positive && value <= 0)
            {
                problems.Add("greater_than", loc["value"], "Input should be greater than 0");
                return false;
            }
            if (CheckUnit(symbol, dimension, loc, problems) is not { } unit) return false;
            try
            {
                result = Quantity.ToCanonical(value, unit);
                return PhysicalBounds.Check(result.Value, loc["value"], problems, result.Unit);
            }
            catch (OverflowException)
            {
                problems.Add("value_error", loc["value"], $"{value} {symbol} is out of range");
                return false;
            }
        };

    private static Unit? CheckUnit(string symbol, Dimension dimension, Loc loc, Problems problems)
    {
        var field = loc.Parts.OfType<string>().LastOrDefault() ?? "value";
        var accepted = string.Join(", ", UnitTable.SymbolsOf(dimension).Select(s => $"'{s}'"));
        var unit = UnitTable.Find(symbol);
        if (unit is null)
        {
            problems.Add("value_error", loc["unit"], $"Unknown unit '{symbol}': {field} is a {UnitTable.Describe(dimension)} and accepts {accepted}");
            return null;
        }
        if (unit.Dimension != dimension)
        {
            problems.Add("value_error", loc["unit"],
                $"'{symbol}' is a unit of {UnitTable.Describe(unit.Dimension)}, but {field} is a {UnitTable.Describe(dimension)} and accepts {accepted}");
            return null;
        }
        return unit;
    }
}
