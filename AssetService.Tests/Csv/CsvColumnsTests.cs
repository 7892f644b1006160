using System.Text.Json.Nodes;
using AssetService.Core.Common.Csv;
using AssetService.Core.Forecasts;
using AssetService.Core.Limits;
using AssetService.Core.Reservations;
using AssetService.Tests.Support;

namespace AssetService.Tests.Csv;

/// <summary>The cell types of CSV bodies are those of the JSON entry in the OpenAPI document, so a new field cannot be forgotten.</summary>
public sealed class CsvColumnsTests
{
    public static TheoryData<string, string> Bodies => new()
    {
        { "LimitEntry", nameof(LimitsCsv) },
        { "ForecastEntry", nameof(ForecastsCsv) },
        { "ReservationEntry", nameof(ReservationsCsv) },
    };

    private static CsvColumns Columns(string owner) => owner switch
    {
        nameof(LimitsCsv) => LimitsCsv.Body,
        nameof(ForecastsCsv) => ForecastsCsv.Body,
        _ => ReservationsCsv.Body,
    };

    private static string[] PropertiesOfType(JsonObject schema, string type) => schema["properties"]!.AsObject()
        .Where(p => p.Value?["type"] is { } t && (t is JsonArray types ? types.Any(x => x!.GetValue<string>() == type) : t.GetValue<string>() == type))
        .Select(p => p.Key).Order().ToArray();

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Number_and_boolean_columns_are_the_entrys_number_and_boolean_fields(string entry, string owner)
    {
        var schema = OpenApiContract.Instance.Document["components"]!["schemas"]![entry]!.AsObject();
        var columns = Columns(owner);
        Assert.Equal(PropertiesOfType(schema, "number"), columns.Numbers.Order());
        Assert.Equal(PropertiesOfType(schema, "boolean"), columns.Booleans.Order());
    }
}
