using System.Text.Json;
using ExampleObject = System.Text.Json.Nodes.JsonObject;
using System.Text.Json.Serialization;
using AssetService.Core.Common;

namespace AssetService.Core.Units;

/// <summary>
/// An amount in its canonical unit (MW, MWh, EUR/MWh or PLN/MWh). On the wire
/// <c>{"value": "1.5", "unit": "MW"}</c>: the value is a decimal string, so no client loses digits to floating point.
/// </summary>
[JsonConverter(typeof(QuantityJsonConverter))]
public sealed record Quantity(decimal Value, string Unit)
{
    public static Quantity Power(decimal megawatts) => new(megawatts, "MW");
    public static Quantity Energy(decimal megawattHours) => new(megawattHours, "MWh");

    public static Quantity? Power(decimal? megawatts) => megawatts is { } v ? Power(v) : null;
    public static Quantity? Energy(decimal? megawattHours) => megawattHours is { } v ? Energy(v) : null;

    /// <summary>A price in a currency per MWh; null when either part is missing.</summary>
    public static Quantity? Price(decimal? value, string? currency) =>
        value is { } v && currency is not null ? new(v, currency + "/MWh") : null;

    /// <summary>The currency of a price, e.g. EUR for EUR/MWh.</summary>
    public string Currency => Unit.Split('/')[0];

    /// <summary>The same amount in the canonical unit of its dimension, with exact decimal arithmetic.</summary>
    public static Quantity ToCanonical(decimal value, Unit unit) =>
        new(Decimals.Normalize(value * unit.ToCanonical), unit.Canonical);
}

public sealed class QuantityJsonConverter : JsonConverter<Quantity>
{
    private const string ValueName = "value", UnitName = "unit";

    /// <summary>What <see cref="Write"/> writes for a power, an energy and a price.</summary>
    public static readonly FieldSchema PowerSchema = Schema("PowerQuantity", "A power in MW, the value as an exact decimal string.",
        new ExampleObject { [ValueName] = "9.5", [UnitName] = "MW" }, Wire.Const("MW"));

    public static readonly FieldSchema EnergySchema = Schema("EnergyQuantity", "An energy in MWh, the value as an exact decimal string.",
        new ExampleObject { [ValueName] = "20", [UnitName] = "MWh" }, Wire.Const("MWh"));

    public static readonly FieldSchema PriceSchema = Schema("PriceQuantity", "A price per MWh in the currency it was given in.",
        new ExampleObject { [ValueName] = "85.5", [UnitName] = "EUR/MWh" }, Fields.OneOf(UnitTable.PriceUnits).Schema);

    private static FieldSchema Schema(string component, string description, ExampleObject example, FieldSchema unit) =>
        Wire.Object(component, description, example, (ValueName, Wire.DecimalString), (UnitName, unit));

    public override Quantity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Quantities in requests are read by QuantityFields, which checks their units");

    public override void Write(Utf8JsonWriter writer, Quantity value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString(ValueName, Decimals.Format(value.Value));
        writer.WriteString(UnitName, value.Unit);
        writer.WriteEndObject();
    }
}
