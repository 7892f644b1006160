using System.Text.Json;
using AssetService.Core.Common;
using AssetService.Core.Units;

namespace AssetService.Tests.Units;

public sealed class QuantityTests
{
    private static (Quantity? Quantity, IReadOnlyList<ValidationError> Errors) Parse(FieldParser<Quantity> parser, string json)
    {
        var problems = new Problems();
        var ok = parser.Parse(JsonDocument.Parse(json).RootElement, Loc.Body["rated_power"], problems, out var quantity);
        try
        {
            problems.ThrowIfAny();
            return (ok ? quantity : null, []);
        }
        catch (RequestValidationException e)
        {
            return (null, e.Errors);
        }
    }

    [Theory]
    [InlineData("1500", "kW", "1.5", "MW")]
    [InlineData("1", "kW", "0.001", "MW")]
    [InlineData("2.50", "MW", "2.5", "MW")]
    [InlineData("0.25", "GW", "250", "MW")]
    [InlineData("0", "GW", "0", "MW")]
    [InlineData("0.0001", "kW", "0.0000001", "MW")]
    public void Power_converts_to_megawatts(string value, string unit, string expected, string canonical)
    {
        var (q, errors) = Parse(QuantityFields.Power(), $$"""{"value": "{{value}}", "unit": "{{unit}}"}""");
        Assert.Empty(errors);
        Assert.Equal((expected, canonical), (Decimals.Format(q!.Value), q.Unit));
    }

    [Theory]
    [InlineData("4000", "kWh", "4")]
    [InlineData("4", "MWh", "4")]
    [InlineData("1.2", "GWh", "1200")]
    public void Energy_converts_to_megawatt_hours(string value, string unit, string expected)
    {
        var (q, errors) = Parse(QuantityFields.Energy(), $$"""{"value": {{value}}, "unit": "{{unit}}"}""");
        Assert.Empty(errors);
        Assert.Equal((expected, "MWh"), (Decimals.Format(q!.Value), q.Unit));
    }

    [Theory]
    [InlineData("-12.50", "EUR/MWh", "-12.5")]
    [InlineData("450", "PLN/MWh", "450")]
    public void Prices_keep_their_currency_and_may_be_negative(string value, string unit, string expected)
    {
        var (q, errors) = Parse(QuantityFields.Price(), $$"""{"value": "{{value}}", "unit": "{{unit}}"}""");
        Assert.Empty(errors);
        Assert.Equal((expected, unit), (Decimals.Format(q!.Value), q.Unit));
    }

    [Fact]
    public void Conversion_is_exact_decimal_arithmetic()
    {
        var (q, _) = Parse(QuantityFields.Power(), """{"value": "0.1", "unit": "kW"}""");
        Assert.Equal(0.0001m, q!.Value);
        var (sum, _) = Parse(QuantityFields.Power(), """{"value": 0.30000000000000004, "unit": "MW"}""");
        Assert.Equal("0.30000000000000004", Decimals.Format(sum!.Value));
    }

    [Theory]
    [InlineData("MWh", "energy")]
    [InlineData("EUR/MWh", "price")]
    public void A_unit_of_another_dimension_is_refused_naming_the_field_and_the_accepted_units(string unit, string dimension)
    {
        var (_, errors) = Parse(QuantityFields.Power(), $$"""{"value": 1, "unit": "{{unit}}"}""");
        var error = Assert.Single(errors);
        Assert.Equal(["body", "rated_power", "unit"], error.Loc);
        Assert.Contains("rated_power", error.Msg);
        Assert.Contains(dimension, error.Msg);
        Assert.Contains("'kW', 'MW', 'GW'", error.Msg);
    }

    [Theory]
    [InlineData("mw")]
    [InlineData("W")]
    [InlineData("kWh/h")]
    public void An_unknown_unit_is_refused_with_the_accepted_units(string unit)
    {
        var (_, errors) = Parse(QuantityFields.Power(), $$"""{"value": 1, "unit": "{{unit}}"}""");
        var error = Assert.Single(errors);
        Assert.Equal(["body", "rated_power", "unit"], error.Loc);
        Assert.Contains("'kW', 'MW', 'GW'", error.Msg);
    }

    [Theory]
    [InlineData("""{"value": "abc", "unit": "MW"}""", "body.rated_power.value")]
    [InlineData("""{"value": -1, "unit": "MW"}""", "body.rated_power.value")]
    [InlineData("""{"unit": "MW"}""", "body.rated_power.value")]
    [InlineData("""{"value": 1}""", "body.rated_power.unit")]
    [InlineData("""{"value": 1, "unit": "MW", "scale": 2}""", "body.rated_power.scale")]
    [InlineData("""5""", "body.rated_power")]
    public void Malformed_quantities_are_refused_at_their_part(string json, string loc)
    {
        var (_, errors) = Parse(QuantityFields.Power(), json);
        Assert.Equal(loc, string.Join('.', Assert.Single(errors).Loc));
    }

    [Fact]
    public void Responses_write_the_value_as_a_decimal_string_with_the_canonical_unit()
    {
        var json = JsonSerializer.Serialize(new { RatedPower = Quantity.Power(1.500m) }, Json.Options);
        Assert.Equal("""{"rated_power":{"value":"1.5","unit":"MW"}}""", json);
    }

    [Theory]
    [InlineData("0.95", true)]
    [InlineData("1", true)]
    [InlineData("1.0001", false)]
    [InlineData("0", false)]
    [InlineData("-0.5", false)]
    public void Efficiencies_lie_in_zero_exclusive_to_one(string value, bool valid)
    {
        var problems = new Problems();
        Decimals.Efficiency.Parse(JsonDocument.Parse($"\"{value}\"").RootElement, Loc.Body["charge_efficiency"], problems, out _);
        Assert.Equal(valid, !problems.Any);
    }

    [Theory]
    [InlineData("1500.000", "1500")]
    [InlineData("0.950", "0.95")]
    [InlineData("-0.0", "0")]
    [InlineData("100", "100")]
    [InlineData("18446744073709551616.000", "18446744073709551616")]
    [InlineData("-7.9228162514264337593543950330", "-7.922816251426433759354395033")]
    [InlineData("0.0000000000000000000000000010", "0.000000000000000000000000001")]
    public void Decimal_strings_drop_meaningless_trailing_zeros(string value, string expected) =>
        Assert.Equal(expected, Decimals.Format(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Normalize_keeps_every_value_and_drops_every_trailing_zero_over_all_mantissas_and_scales()
    {
        var random = new Random(26);
        for (var i = 0; i < 200_000; i++)
        {
            // 32, 64 or 96 bits of mantissa, so both of Normalize's ways are taken.
            var (lo, mid, hi) = (random.Next(), i % 3 == 0 ? 0 : random.Next(), i % 3 != 2 ? 0 : random.Next());
            var value = new decimal(lo * (i % 7 == 0 ? 1000 : 1), mid, hi, random.Next(2) == 0, (byte)random.Next(29));
            var normalized = Decimals.Normalize(value);
            Assert.Equal(value, normalized);
            var text = normalized.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.False(text.Contains('.') && text.EndsWith('0'), $"{value} -> {text}");
            Assert.False(text.StartsWith('-') && normalized == 0, $"{value} -> {text}");
        }
    }
}
