using System.Globalization;
using System.Text.Json;

namespace AssetService.Tests.Support;

/// <summary>Requests of the period-data endpoints, written as JSON so that absent and null stay distinct.</summary>
public static class PeriodDataApi
{
    /// <summary>One PATCH /limits entry over whole days; <paramref name="values"/> is the JSON of the value fields.</summary>
    public static string LimitEntry(string assetId, string source, string validFrom, string values,
        string start = "00:00", string end = "24:00", string? validUntil = null) =>
        $$"""{"asset_id": "{{assetId}}", "source": "{{source}}", "start_time": "{{start}}", "end_time": "{{end}}", "valid_from": "{{validFrom}}", "valid_until": "{{validUntil ?? validFrom}}", {{values}}}""";

    public static string Batch(string name, IEnumerable<string> entries) => $$"""{"{{name}}": [{{string.Join(",", entries)}}]}""";

    public static Task<HttpResponseMessage> PatchLimitsAsync(this HttpClient client, params string[] entries) =>
        client.PatchJsonAsync("/api/v1/limits", Batch("limits", entries));

    /// <summary>Every slot group of a GET /limits (first page of up to 1000 groups).</summary>
    public static async Task<JsonElement[]> GetLimitGroupsAsync(this HttpClient client, string query)
    {
        var page = await client.GetAsync($"/api/v1/limits?limit=1000&{query}").ExpectAsync(200);
        return page.GetProperty("limits").EnumerateArray().ToArray();
    }

    /// <summary>A UTC instant as the API writes it, independent of the current culture.</summary>
    public static string Iso(this DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture);

    public static string Text(this JsonElement element, string name) => element.GetProperty(name).ToString();

    public static decimal? Number(this JsonElement element, string name) =>
        element.GetProperty(name).ValueKind == JsonValueKind.Null ? null : element.GetProperty(name).GetDecimal();

    public static bool? Flag(this JsonElement element, string name) =>
        element.GetProperty(name).ValueKind == JsonValueKind.Null ? null : element.GetProperty(name).GetBoolean();

    /// <summary>The per-source row of a limit group.</summary>
    public static JsonElement Source(this JsonElement group, string source) =>
        group.GetProperty("sources").EnumerateArray().Single(s => s.Text("source") == source);
}
