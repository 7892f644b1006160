using System.Globalization;
using System.Text.Json;
using CsvHelper;

namespace AssetService.Core.Common.Csv;

/// <summary>Which columns of a CSV body hold JSON numbers and booleans; every other cell is a JSON string.</summary>
public sealed record CsvColumns(IReadOnlyCollection<string> Numbers, IReadOnlyCollection<string> Booleans)
{
    /// <summary>The columns of a batch entry, read from the schemas of its fields.</summary>
    public static CsvColumns Of(IObjectShape entry)
    {
        var types = entry.Fields.ToDictionary(f => f.Name, f => f.Schema.Use(new SchemaSet(), nullable: false)["type"]?.GetValue<string>());
        return new([.. types.Where(t => t.Value == "number").Select(t => t.Key)], [.. types.Where(t => t.Value == "boolean").Select(t => t.Key)]);
    }
}

/// <summary>
/// A <c>text/csv</c> request body read as the JSON body it stands for: the header row names the entry's
/// fields, each line becomes one entry of the batch, an empty cell is null. The JSON binder then applies
/// the same rules, and its problems are moved from <c>["body", list, i, field]</c> to <c>["body", i, field]</c>,
/// where line 0 is the first line after the header.
/// </summary>
public static class CsvBody
{
    // A line with too many or too few cells is reported below, with its position.
    private static readonly CsvReaderOptions Rfc4180 = new()
    {
        Mode = CsvMode.Rfc4180, Separator = ',', DetectSeparatorHint = false, HasHeader = false,
        MalformedData = CsvMalformedDataHandling.Throw, FieldCountMismatch = CsvFieldCountHandling.Allow, TrimWhitespace = false,
    };

    public static T Bind<T>(byte[] body, string listField, CsvColumns columns, Func<JsonElement, T> bind)
    {
        var json = ToJson(body, listField, columns);
        try
        {
            return bind(json);
        }
        catch (RequestValidationException e)
        {
            throw new RequestValidationException(e.Errors.Select(error => error with { Loc = Relocate(error.Loc, listField) }).ToArray());
        }
    }

    private static IReadOnlyList<object> Relocate(IReadOnlyList<object> loc, string listField) =>
        loc.Count >= 2 && Equals(loc[0], "body") && Equals(loc[1], listField) ? ["body", .. loc.Skip(2)] : loc;

    private static JsonElement ToJson(byte[] body, string listField, CsvColumns columns)
    {
        using var parser = CsvReader.Create(body, Rfc4180);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WritePropertyName(listField);
            json.WriteStartArray();
            var header = Read(parser, line: null)
                ?? throw RequestValidationException.Single("missing", Loc.Body, "Field required: the CSV body needs a header row of field names");
            if (header.GroupBy(name => name).FirstOrDefault(g => g.Count() > 1) is { } twice)
                throw RequestValidationException.Single("csv_invalid", Loc.Body, $"The header row names the column {twice.Key} more than once");
            var line = 0;
            while (Read(parser, line) is { } cells)
            {
                if (cells.Length != header.Length)
                    throw RequestValidationException.Single("csv_invalid", Loc.Body[line],
                        $"CSV line {line} has {cells.Length} fields; the header row has {header.Length}");
                json.WriteStartObject();
                for (var i = 0; i < header.Length; i++)
                {
                    json.WritePropertyName(header[i]);
                    WriteCell(json, cells[i], columns.Numbers.Contains(header[i]), columns.Booleans.Contains(header[i]));
                }
                json.WriteEndObject();
                line++;
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
    }

    private static string[]? Read(CsvReader parser, int? line)
    {
        try
        {
            return parser.Read() ? Enumerable.Range(0, parser.FieldCount).Select(parser.GetString).ToArray() : null;
        }
        catch (CsvFormatException)
        {
            var at = line is { } l ? Loc.Body[l] : Loc.Body;
            throw RequestValidationException.Single("csv_invalid", at,
                $"CSV {(line is { } n ? $"line {n}" : "header row")} is not valid RFC 4180 (check the quotes)");
        }
    }

    // A cell that does not read as its column's type is passed on as a string, so the binder reports it
    // in the words it uses for JSON ("Input should be a valid number").
    private static void WriteCell(Utf8JsonWriter json, string cell, bool number, bool boolean)
    {
        if (cell.Length == 0)
            json.WriteNullValue();
        else if (number && decimal.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                     CultureInfo.InvariantCulture, out var value))
            json.WriteNumberValue(value);
        else if (boolean && bool.TryParse(cell, out var flag))
            json.WriteBooleanValue(flag);
        else
            json.WriteStringValue(cell);
    }
}
