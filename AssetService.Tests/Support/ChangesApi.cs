using System.Text.Json;
using Dapper;
using Npgsql;

namespace AssetService.Tests.Support;

/// <summary>Reads of the change feed and as_of instants for the history tests.</summary>
public static class ChangesApi
{
    /// <summary>Every change after <paramref name="after"/> that is visible now, following <c>next</c> page by page.</summary>
    public static async Task<(List<JsonElement> Changes, string Next)> ReadAllAsync(this HttpClient client, string query, string? after = null, int limit = 100)
    {
        var changes = new List<JsonElement>();
        var next = after;
        while (true)
        {
            var page = await client.GetAsync($"/api/v1/changes?limit={limit}&{query}{(next is null ? "" : "&after=" + next)}").ExpectAsync(200);
            var items = page.GetProperty("changes").EnumerateArray().ToArray();
            changes.AddRange(items);
            next = page.GetProperty("next").GetString()!;
            if (items.Length < limit) return (changes, next);
        }
    }

    /// <summary>
    /// Waits until every transaction that was running when called has ended, so that the feed shows all
    /// writes made before. The feed withholds a change while an older transaction anywhere on the server
    /// still runs (other test classes share the server), which is what makes it never skip one.
    /// </summary>
    public static async Task SettleAsync(NpgsqlDataSource db)
    {
        await using var connection = await db.OpenConnectionAsync();
        var horizon = await connection.ExecuteScalarAsync<long>("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint");
        for (var i = 0; i < 600; i++)
        {
            if (await connection.ExecuteScalarAsync<long>("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint") >= horizon) return;
            await Task.Delay(50);
        }
        throw new TimeoutException("A transaction on the test server has been running for 30 s");
    }

    /// <summary>An instant strictly between the writes before and after it (the service stamps writes with the same clock).</summary>
    public static async Task<DateTime> InstantAsync()
    {
        await Task.Delay(20);
        var now = DateTime.UtcNow;
        await Task.Delay(20);
        return now;
    }
}
