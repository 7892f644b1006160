using System.Diagnostics;

namespace AssetService.Bench;

/// <summary>
/// Process start to the first answered GET /api/v1/assets/{id} (a read through the database), on a
/// database that is migrated already: what a restarted or scaled-out instance costs before it serves.
/// </summary>
public static class Startup
{
    public static async Task<double> MedianSecondsAsync(Func<Process> start, string baseUrl, string key, int runs = 5)
    {
        var times = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            using var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
            client.DefaultRequestHeaders.Add("x-functions-key", key);
            var watch = Stopwatch.StartNew();
            using var process = start();
            try
            {
                while (!await AnsweredAsync(client))
                {
                    if (watch.Elapsed > TimeSpan.FromSeconds(60)) throw new InvalidOperationException("LocalHost did not answer within 60 s");
                    await Task.Delay(5);
                }
                times.Add(watch.Elapsed.TotalSeconds);
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        times.Sort();
        return times[times.Count / 2];
    }

    private static async Task<bool> AnsweredAsync(HttpClient client)
    {
        try
        {
            using var response = await client.GetAsync($"/api/v1/assets/{Seeder.AssetId(0)}");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
