using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SchemaNode = System.Text.Json.Nodes.JsonObject;

namespace AssetService.Core.Common;

/// <summary>The field parsers that request binders compose; error types follow pydantic v2.</summary>
public static class Fields
{
    public static FieldParser<string> String(int minLength = 0, int maxLength = 10_000, Regex? pattern = null, bool trim = false) => new(
        FieldSchema.Inline(_ => StringSchema(minLength, maxLength, pattern)),
        (JsonElement value, Loc loc, Problems problems, out string result) =>
        {
            result = "";
            if (value.ValueKind != JsonValueKind.String)
            {
                problems.Add("string_type", loc, "Input should be a valid string");
                return false;
            }
            var text = value.GetString()!;
            if (trim) text = text.Trim();
            return CheckString(text, loc, problems, minLength, maxLength, pattern, out result);
        });

    internal static SchemaNode StringSchema(int minLength, int maxLength, Regex? pattern)
    {
        var schema = new SchemaNode { ["type"] = "string" };
        if (minLength > 0) schema["minLength"] = minLength;
        schema["maxLength"] = maxLength;
        if (pattern is not null) schema["pattern"] = pattern.ToString();
        return schema;
    }

    internal static bool CheckString(string text, Loc loc, Problems problems, int minLength, int maxLength, Regex? pattern, out string result)
    {
        result = text;
        if (!StorableText.IsStorable(text))
        {
            problems.Add("string_unicode", loc, StorableText.Message);
            return false;
        }
        if (text.Length < minLength)
        {
            problems.Add("string_too_short", loc, $"String should have at least {minLength} character{(minLength == 1 ? "" : "s")}");
            return false;
        }
        if (text.Length > maxLength)
        {
            problems.Add("string_too_long", loc, $"String should have at most {maxLength} characters");
            return false;
        }
        // The whole text must match: .NET's $ also matches before a final newline, PostgreSQL's does not.
        if (pattern is not null && pattern.Match(text) is var match && (!match.Success || match.Length != text.Length))
        {
            problems.Add("string_pattern_mismatch", loc, $"String should match pattern '{pattern}'");
            return false;
        }
        return true;
    }

    /// <summary>One of the vocabulary's values: a reference to its enum (<see cref="Vocabulary.Component"/>) or the enum inline.</summary>
    public static FieldParser<string> OneOf(Vocabulary vocabulary) => new(
        vocabulary.Component is { } component
            ? FieldSchema.Reference(component)
            : FieldSchema.Inline(_ => new SchemaNode { ["type"] = "string", ["enum"] = new JsonArray([.. vocabulary.Values.Select(v => (JsonNode)v)]) }),
        (JsonElement value, Loc loc, Problems problems, out string result) =>
        {
            result = "";
            if (value.ValueKind == JsonValueKind.String && vocabulary.Contains(value.GetString()!))
            {
                result = value.GetString()!;
                return true;
            }
            problems.Add("enum", loc, vocabulary.Expectation);
            return false;
        });

    public static readonly FieldParser<DateTime> Timestamp = new(
        FieldSchema.Inline("""{"type": "string", "format": "date-time"}""").Named("Timestamp",
            "RFC 3339 timestamp with an explicit offset (`Z` or `+01:00`); one without an offset is a 422. Supported instants run " +
            $"{SupportedRange.Instants} inclusive (so the last slot starts 2099-12-31T23:45:00Z); a valid timestamp outside is a 422 " +
            "that names this range. Fractions finer than a microsecond are dropped.", "2026-04-01T10:00:00Z"),
        (JsonElement value, Loc loc, Problems problems, out DateTime result) =>
        {
            result = default;
            if (value.ValueKind == JsonValueKind.String) return Timestamps.TryParse(value.GetString()!, loc, problems, out result);
            problems.Add("datetime_type", loc, "Input should be a valid datetime string");
            return false;
        });

    public static readonly FieldParser<DateOnly> Date = new(
        FieldSchema.Inline("""{"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}""").Named("Date",
            $"A calendar date, `YYYY-MM-DD`, {SupportedRange.Dates} inclusive (the delivery days of the supported instants); " +
            "a valid date outside is a 422 that names this range.", "2026-04-01"),
        (JsonElement value, Loc loc, Problems problems, out DateOnly result) =>
        {
            result = default;
            if (value.ValueKind == JsonValueKind.String) return Timestamps.TryParseDate(value.GetString()!, loc, problems, out result);
            problems.Add("date_type", loc, "Input should be a valid date string");
            return false;
        });

    public static readonly FieldParser<bool> Bool = new(
        Wire.Boolean,
        (JsonElement value, Loc loc, Problems problems, out bool result) =>
        {
            result = value.ValueKind == JsonValueKind.True;
            if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return true;
            problems.Add("bool_type", loc, "Input should be a valid boolean");
            return false;
        });

    /// <summary>A JSON number in <paramref name="unit"/> (MW or MWh in period data) within <see cref="PhysicalBounds"/>, optionally bounded further.</summary>
    public static FieldParser<decimal> Number(string unit, decimal? min = null, decimal? max = null) => new(
        Wire.Number(min, max),
        (JsonElement value, Loc loc, Problems problems, out decimal result) =>
        {
            result = 0;
            if (value.ValueKind != JsonValueKind.Number)
            {
                problems.Add("decimal_type", loc, "Input should be a valid number");
                return false;
            }
            if (!value.TryGetDecimal(out result))
            {
                problems.Add("finite_number", loc, "Input should be a finite number within the decimal range");
                return false;
            }
            return CheckBounds(result, loc, problems, min, max) && PhysicalBounds.Check(result, loc, problems, unit);
        });

    /// <summary>A number or a numeric string (efficiencies, ramp rate, Quantity values).</summary>
    public static FieldParser<decimal> Decimal(decimal? min = null, decimal? max = null) => new(
        DecimalInput,
        (JsonElement value, Loc loc, Problems problems, out decimal result) =>
        {
            result = 0;
            var ok = value.ValueKind switch
            {
                JsonValueKind.Number => value.TryGetDecimal(out result),
                JsonValueKind.String => decimal.TryParse(value.GetString(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                    CultureInfo.InvariantCulture, out result),
                _ => false,
            };
            if (!ok)
            {
                problems.Add("decimal_parsing", loc, "Input should be a valid decimal");
                return false;
            }
            return CheckBounds(result, loc, problems, min, max);
        });

    // Its bounds are the field's and stay in its description: a string's value cannot carry a minimum.
    private static readonly FieldSchema DecimalInput = FieldSchema.Inline("""
        {"anyOf": [{"type": "number"}, {"type": "string", "pattern": "^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?$"}]}
        """).Named("DecimalInput", "A number or a numeric string; strings keep every digit.", "0.93");

    internal static bool CheckBounds(decimal value, Loc loc, Problems problems, decimal? min, decimal? max)
    {
        if (min is { } lo && value < lo)
        {
            problems.Add("greater_than_equal", loc, $"Input should be greater than or equal to {lo}");
            return false;
        }
        if (max is { } hi && value > hi)
        {
            problems.Add("less_than_equal", loc, $"Input should be less than or equal to {hi}");
            return false;
        }
        return true;
    }

    /// <summary>A JSON array whose items are read by <paramref name="item"/>; every bad item is reported.</summary>
    public static FieldParser<IReadOnlyList<T>> List<T>(FieldParser<T> item, int minItems = 0, int maxItems = int.MaxValue) => new(
        Wire.ListOf(item.Schema, minItems, maxItems),
        (JsonElement value, Loc loc, Problems problems, out IReadOnlyList<T> result) =>
        {
            result = [];
            if (value.ValueKind != JsonValueKind.Array)
            {
                problems.Add("list_type", loc, "Input should be a valid list");
                return false;
            }
            var count = value.GetArrayLength();
            if (count < minItems)
            {
                problems.Add("too_short", loc, $"List should have at least {minItems} item{(minItems == 1 ? "" : "s")} after validation, not {count}");
                return false;
            }
            if (count > maxItems)
            {
                problems.Add("too_long", loc, $"List should have at most {maxItems} items after validation, not {count}");
                return false;
            }
            var items = new List<T>(count);
            var ok = true;
            var index = 0;
            foreach (var element in value.EnumerateArray())
            {
                if (item.Parse(element, loc[index++], problems, out var parsed)) items.Add(parsed);
                else ok = false;
            }
            result = items;
            return ok;
        });

    /// <summary>A nested object bound by <paramref name="bind"/>, which reads its fields from a <see cref="JsonObject"/> (<see cref="ObjectShape{T}.Parser"/>).</summary>
    internal static FieldParser<T> Object<T>(FieldSchema schema, Func<JsonObject, T> bind) => new(
        schema,
        (JsonElement value, Loc loc, Problems problems, out T result) =>
        {
            result = default!;
            var before = problems.Count;
            var obj = JsonObject.Open(value, loc, problems);
            if (obj is null) return false;
            result = bind(obj);
            obj.RejectUnknownFields();
            return problems.Count == before;
        });
}
