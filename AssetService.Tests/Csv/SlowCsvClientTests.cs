using System.Net.Http.Headers;
using AssetService.Tests.Support;
using static AssetService.Tests.Support.PeriodDataApi;

namespace AssetService.Tests.Csv;

/// <summary>
/// Issue 24: a CSV answer is read from the database whole before its first byte goes out, so a client that reads
/// slowly, or not at all, holds no pooled connection and no transaction. Through the PgBouncer of <c>./test.sh</c>,
/// whose server pool per database is 10, ten clients that stop reading after their first bytes leave the JSON
/// routes answering; when the CSV was streamed from the open transaction, the eleventh request waited in
/// PgBouncer's queue for as long as the slow clients held on.
/// </summary>
public sealed class SlowCsvClientTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const int SlowClients = 10;

    [Fact]
    public async Task Ten_clients_that_stop_reading_a_csv_answer_leave_the_json_routes_answering()
    {
        var id = await AssetApi.CreateAsync(api.Client);
        // A year of quarter hours: about 35,000 lines and 4 MB of CSV, more than the socket buffers hold.
        await api.Client.PatchLimitsAsync(LimitEntry(id, "OPERATIONS", "2026-01-01", "\"power_charge\": -1.5, \"power_discharge\": 2.5",
            validUntil: "2026-12-31")).ExpectAsync(200);
        using var slow = new HttpClient { BaseAddress = api.Client.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        slow.DefaultRequestHeaders.Add("x-functions-key", ApiFixture.Key);

        var readers = new List<(HttpResponseMessage Response, Stream Body)>();
        try
        {
            for (var i = 0; i < SlowClients; i++)
            {
                var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/limits?asset_ids={id}&from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z");
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
                var response = await slow.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                Assert.Equal(200, (int)response.StatusCode);
                var body = await response.Content.ReadAsStreamAsync();
                var first = new byte[16 * 1024];
                await body.ReadAtLeastAsync(first, first.Length);
                readers.Add((response, body));
            }

            // Every slow client now stops reading; the JSON routes must still reach the database.
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var asset = await api.Client.GetAsync($"/api/v1/assets/{id}", patience.Token);
            Assert.Equal(200, (int)asset.StatusCode);
            var limits = await api.Client.GetAsync($"/api/v1/limits?asset_ids={id}&from=2026-06-01T00:00:00Z&to=2026-06-02T00:00:00Z", patience.Token);
            Assert.Equal(200, (int)limits.StatusCode);
        }
        finally
        {
            foreach (var (response, body) in readers)
            {
                await body.DisposeAsync();
                response.Dispose();
            }
        }
    }
}
