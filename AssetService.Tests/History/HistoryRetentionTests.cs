using AssetService.Core.Changes;
using AssetService.Tests.Support;
using Dapper;
using static AssetService.Tests.Support.PeriodDataApi;

namespace AssetService.Tests.History;

/// <summary>Retention removes what no allowed as_of can reach, and nothing else.</summary>
public sealed class HistoryRetentionTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly HttpClient client = api.Client;

    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
    }

    private async Task<(long Versions, long Changes)> CountAsync(string assetId)
    {
        await using var connection = await api.Db.OpenConnectionAsync();
        return await connection.QuerySingleAsync<(long, long)>(
            "SELECT (SELECT COALESCE(sum(cardinality(start_time)), 0) FROM asset_limits_history WHERE asset_id = @assetId), (SELECT count(*) FROM changes WHERE asset_id = @assetId)",
            new { assetId });
    }

    [Fact]
    public async Task Purging_removes_versions_and_changes_older_than_the_retention_and_keeps_newer_ones_current_rows_and_the_last_day()
    {
        var id = await AssetApi.CreateAsync(client);
        await client.PatchLimitsAsync(LimitEntry(id, "OPERATIONS", "2026-05-04", "\"power_charge\": -5", "12:00", "13:00")).ExpectAsync(200);
        await client.PatchLimitsAsync(LimitEntry(id, "OPERATIONS", "2026-05-04", "\"power_charge\": -6", "12:00", "13:00")).ExpectAsync(200);
        Assert.Equal((4L, 3L), await CountAsync(id));

        // Today nothing is older than one day; a clock two days ahead cannot make it so either: the
        // database removes nothing younger than a day, whatever cutoff the app passes.
        await new HistoryRetention(api.Db, TimeProvider.System, new HistorySettings(1)).PurgeAsync(CancellationToken.None);
        Assert.Equal((4L, 3L), await CountAsync(id));
        await new HistoryRetention(api.Db, new ShiftedClock(TimeSpan.FromDays(2)), new HistorySettings(1)).PurgeAsync(CancellationToken.None);
        Assert.Equal((4L, 3L), await CountAsync(id));

        // Three days on (the history aged as the migration role can), all of it is older than the retention.
        await using (var connection = await api.Db.OpenConnectionAsync())
            await connection.ExecuteAsync("""
                UPDATE asset_limits_history SET updated_at = updated_at - interval '3 days', valid_until = valid_until - interval '3 days' WHERE asset_id = @id;
                UPDATE changes SET changed_at = changed_at - interval '3 days' WHERE asset_id = @id
                """, new { id });
        var (versions, changes) = await new HistoryRetention(api.Db, TimeProvider.System, new HistorySettings(1)).PurgeAsync(CancellationToken.None);
        Assert.True(versions >= 4 && changes >= 3, $"{versions} versions and {changes} changes removed");
        Assert.Equal((0L, 0L), await CountAsync(id));

        var current = await client.GetLimitGroupsAsync($"asset_ids={id}&from=2026-05-04T00:00:00Z&to=2026-05-05T00:00:00Z");
        Assert.All(current, g => Assert.Equal(-6m, g.Source("OPERATIONS").Number("power_charge")));
        Assert.Equal(4, current.Length);
    }

    [Fact]
    public void The_local_host_runs_the_purge_at_the_timer_s_time_of_day()
    {
        Assert.Equal("0 30 3 * * *", HistoryRetention.Schedule);
        var at = new DateTime(2026, 5, 4, 3, 0, 0, DateTimeKind.Utc);
        Assert.Equal(TimeSpan.FromMinutes(30), LocalHost.HistoryRetentionService.UntilNextRun(at));
        Assert.Equal(TimeSpan.FromHours(24), LocalHost.HistoryRetentionService.UntilNextRun(at.AddMinutes(30)));
    }

    private static readonly string[] PeriodTables = ["asset_limits", "forecasts", "inverter_limits", "reservations", "site_limits"];

    // A versions history has its table's columns, types included, then valid_until. A period table's
    // history keeps a day of slots per row: the same columns in the same order, its owner and updated_at
    // as they are and every other column as an array of its type, then day and valid_until.
    [Fact]
    public async Task Every_history_table_has_the_columns_of_its_table_plus_valid_until()
    {
        await using var connection = await api.Db.OpenConnectionAsync();
        var columns = (await connection.QueryAsync<(string Table, string Name, string Type)>("""
            SELECT table_name, column_name, udt_name
            FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position
            """)).ToLookup(r => r.Table, r => (r.Name, r.Type));
        var histories = columns.Select(t => t.Key).Where(t => t.EndsWith("_history", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["asset_limits_history", "assets_history", "forecasts_history", "inverter_assets_history", "inverter_limits_history",
            "inverters_history", "reservations_history", "site_limits_history", "sites_history", "specs_history"], histories);
        foreach (var history in histories)
        {
            var table = history[..^"_history".Length];
            var period = PeriodTables.Contains(table);
            var kept = columns[history].ToArray();
            var expected = columns[table].Select(c => c.Name).Concat(period ? ["day", "valid_until"] : ["valid_until"]);
            Assert.Equal(expected, kept.Select(c => c.Name));
            foreach (var (column, type) in columns[table])
            {
                var keptType = kept.Single(c => c.Name == column).Type;
                Assert.True(keptType == type || (period && keptType == "_" + type), $"{history}.{column} is {keptType}, {table}.{column} is {type}");
            }
            if (period) Assert.Equal(["_timestamptz", "timestamptz"], new[] { "start_time", "updated_at" }.Select(c => kept.Single(k => k.Name == c).Type));
        }
    }
}
