using System.Text.Json;
using System.Text.Json.Nodes;
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

    public static FieldParser<Quantity> Of(Dimension dimension, decimal? min, bool positive)
    {
        var input = Inputs[dimension];
        var unit = new FieldParser<string>(FieldSchema.Reference(UnitTable.VocabularyOf(dimension).Component!), Fields.String().Parse);
        var shape = new ObjectShape<(decimal Value, string Symbol)>(input.Component, input.Description,
            o => (o.Required("value", Fields.Decimal(min: min)), o.Required("unit", unit)), input.Example);
        return new(shape.Schema, (JsonElement element, Loc loc, Problems problems, out Quantity result) =>
        {
            result = null!;
            if (!shape.Parser.Parse(element, loc, problems, out var read)) return false;
            var (value, symbol) = read;
            if (positive && value <= 0)
            {
                problems.Add("greater_than", loc["value"], "Input should be greater than 0");
                return false;
            }
            if (CheckUnit(symbol, dimension, loc, problems) is not { } canonical) return false;
            try
            {
                result = Quantity.ToCanonical(value, canonical);
                return PhysicalBounds.Check(result.Value, loc["value"], problems, result.Unit);
            }
            catch (OverflowException)
            {
                problems.Add("value_error", loc["value"], $"{value} {symbol} is out of range");
                return false;
            }
        });
    }

    private sealed record Input(string Component, string Description, JsonNode Example);

    private static readonly Dictionary<Dimension, Input> Inputs = new()
    {
        [Dimension.Power] = new("PowerQuantityInput",
            "A power with its unit. Converted to the canonical unit on write; at most 1000000 MW after conversion. A unit of another dimension is a 422.",
            JsonNode.Parse("""{"value": "9500", "unit": "kW"}""")!),
        [Dimension.Energy] = new("EnergyQuantityInput",
            "An energy with its unit. Converted to the canonical unit on write; at most 1000000 MWh after conversion. A unit of another dimension is a 422.",
            JsonNode.Parse("""{"value": 20, "unit": "MWh"}""")!),
        [Dimension.Price] = new("PriceQuantityInput",
            "A price per MWh in EUR or PLN; may be negative, |value| <= 1000000 per MWh.",
            JsonNode.Parse("""{"value": "85.5", "unit": "EUR/MWh"}""")!),
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
