using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CsvHelper;

namespace AssetService.Tests.Csv;

/// <summary>CSV requests and answers as a spreadsheet user would send and read them.</summary>
public static class CsvApi
{
    private static readonly CsvReaderOptions Options = new() { Separator = ',', HasHeader = false, DetectSeparatorHint = false };

    /// <summary>GET with <c>Accept: text/csv</c>; asserts 200, the media type and CRLF line ends; returns header and rows.</summary>
    public static async Task<(string[] Header, string[][] Rows)> GetCsvAsync(this HttpClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 200, $"Expected 200, got {(int)response.StatusCode}: {text}");
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.EndsWith("\r\n", text);
        Assert.DoesNotContain('\n', text.Replace("\r\n", ""));
        var records = Parse(text);
        return (records[0], records[1..]);
    }

    public static string[][] Parse(string text)
    {
        using var reader = CsvReader.Create(Encoding.UTF8.GetBytes(text), Options);
        var records = new List<string[]>();
        while (reader.Read()) records.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        return records.ToArray();
    }

    public static Task<HttpResponseMessage> SendCsvAsync(this HttpClient client, HttpMethod method, string url, string csv) =>
        client.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(csv, Encoding.UTF8, "text/csv") });

    /// <summary>A JSON value as the CSV answer writes it: null empty, strings bare, numbers and booleans as JSON writes them.</summary>
    public static string Cell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "",
        JsonValueKind.String => value.GetString()!,
        _ => value.GetRawText(),
    };
}
