using System.Text.Json.Nodes;
using SchemaNode = System.Text.Json.Nodes.JsonObject;

namespace AssetService.Core.Common;

/// <summary>
/// The schemas of values the service answers with, beside the formats that write them: the atoms that
/// <see cref="ResponseShape"/>s are declared from. Request fields carry theirs in their <see cref="FieldParser{T}"/>.
/// </summary>
public static class Wire
{
    /// <summary>What <see cref="Timestamps.Wire"/> and <see cref="Timestamps.Format"/> write.</summary>
    public static readonly FieldSchema UtcTimestamp = FieldSchema.Inline($$"""
        {"type": "string", "format": "date-time", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,6})?Z$"}
        """).Named("UtcTimestamp",
        "A timestamp as the service answers it: UTC with `Z`, fractional seconds (up to microseconds) only when present.", "2026-04-01T10:00:00Z");

    /// <summary>A quarter-hour boundary (<see cref="QuarterHour"/>) as answered.</summary>
    public static readonly FieldSchema SlotTimestamp = FieldSchema.Inline("""
        {"type": "string", "format": "date-time", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:(00|15|30|45):00Z$"}
        """).Named("SlotTimestamp", "A slot boundary: UTC, on a quarter hour, zero seconds.", "2026-04-01T10:15:00Z");

    /// <summary>What <see cref="Decimals.Format"/> writes.</summary>
    public static readonly FieldSchema DecimalString = FieldSchema.Inline(DecimalStringJson).Named("DecimalString",
        "An exact decimal as a string, without exponent and without trailing zeros (`\"1500\"`, `\"0.93\"`).", "0.93");

    /// <summary>The same pattern written inline: a nullable use, which generators read more plainly than <c>anyOf</c>.</summary>
    public static FieldSchema DecimalStringInline => FieldSchema.Inline(DecimalStringJson);

    private const string DecimalStringJson = """{"type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$"}""";

    /// <summary>The one sentence of an error body: Kiota makes it the exception's message.</summary>
    public static readonly FieldSchema ErrorMessage = FieldSchema.Inline("""{"type": "string", "x-ms-primary-error-message": true}""");

    /// <summary>A step of a problem's location (<see cref="Loc"/>): a field name or a list position.</summary>
    public static readonly FieldSchema LocStep = FieldSchema.Inline("""{"type": ["string", "integer"]}""");

    public static readonly FieldSchema Boolean = FieldSchema.Inline("""{"type": "boolean"}""");
    public static readonly FieldSchema Text = FieldSchema.Inline("""{"type": "string"}""");
    public static readonly FieldSchema Uuid = FieldSchema.Inline("""{"type": "string", "format": "uuid"}""");

    /// <summary>A number within <see cref="PhysicalBounds"/> (MW, MWh), optionally bounded further: what <see cref="Fields.Number"/> accepts.</summary>
    public static FieldSchema Number(decimal? min = null, decimal? max = null) => FieldSchema.Inline(_ => new SchemaNode
    {
        ["type"] = "number",
        ["minimum"] = Math.Max(min ?? decimal.MinValue, -PhysicalBounds.MaxMagnitude),
        ["maximum"] = Math.Min(max ?? decimal.MaxValue, PhysicalBounds.MaxMagnitude),
    });

    /// <summary>A number the service computes, bounded below only (a headroom in MWh, which a window's reservations can take past a stored energy's bound).</summary>
    public static FieldSchema AtLeast(decimal min) => FieldSchema.Inline(_ => new SchemaNode { ["type"] = "number", ["minimum"] = min });

    /// <summary>A number the service computes without a physical bound of its own (a sum of terms).</summary>
    public static readonly FieldSchema AnyNumber = FieldSchema.Inline("""{"type": "number"}""");

    public static FieldSchema Integer(int min, int? max = null) => FieldSchema.Inline(_ =>
    {
        var schema = new SchemaNode { ["type"] = "integer", ["minimum"] = min };
        if (max is { } m) schema["maximum"] = m;
        return schema;
    });

    /// <summary>A string the service copies from what it was given, checked by <paramref name="pattern"/> on the way in.</summary>
    public static FieldSchema Pattern(string pattern) => FieldSchema.Inline(_ => new SchemaNode { ["type"] = "string", ["pattern"] = pattern });

    public static FieldSchema Const(string value) => FieldSchema.Inline(_ => new SchemaNode { ["type"] = "string", ["const"] = value });

    public static FieldSchema ListOf(FieldSchema item, int minItems = 0, int maxItems = int.MaxValue) => FieldSchema.Inline(set =>
    {
        var schema = new SchemaNode { ["type"] = "array" };
        if (minItems > 0) schema["minItems"] = minItems;
        if (maxItems < int.MaxValue) schema["maxItems"] = maxItems;
        schema["items"] = item.Use(set, nullable: false);
        return schema;
    });

    /// <summary>An object keyed by ids, each value <paramref name="value"/> (null allowed when <paramref name="nullableValues"/>).</summary>
    public static FieldSchema MapOf(FieldSchema value, bool nullableValues) => FieldSchema.Inline(set => new SchemaNode
    {
        ["type"] = "object", ["additionalProperties"] = value.Use(set, nullableValues),
    });

    /// <summary>An object a converter writes by hand (a quantity): its fields in the order written.</summary>
    public static FieldSchema Object(string component, string description, JsonNode example, params (string Name, FieldSchema Schema)[] fields) =>
        FieldSchema.Inline(set =>
        {
            var properties = new SchemaNode();
            foreach (var (name, schema) in fields) properties[name] = schema.Use(set, nullable: false);
            return new SchemaNode
            {
                ["type"] = "object", ["title"] = component, ["description"] = description, ["properties"] = properties,
                ["required"] = new JsonArray([.. fields.Select(f => (JsonNode)f.Name)]), ["additionalProperties"] = false,
                ["examples"] = new JsonArray(example.DeepClone()),
            };
        }).Named(component);
}
