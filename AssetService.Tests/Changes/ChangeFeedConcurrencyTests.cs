using System.Collections.Concurrent;
using System.Text.Json;
using AssetService.Core.Changes;
using AssetService.Tests.Support;
using Dapper;
using static AssetService.Tests.Support.PeriodDataApi;

namespace AssetService.Tests.Changes;

/// <summary>
/// The feed's guarantee under concurrent writers: one reader following <c>next</c> all the time sees every
/// committed write exactly once, none twice and no rolled-back one, also when transactions that began
/// (and took their transaction id) early commit after many later ones, which is what makes a plain
/// sequence or timestamp cursor skip changes.
/// </summary>
public sealed class ChangeFeedConcurrencyTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly HttpClient client = api.Client;
    private static readonly DateTime Base = new(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc);

    // Write n touches exactly one slot, so each change names its write by (asset_id, from).
    private static DateTime SlotOf(int write) => Base.AddMinutes(15 * write);

    private const string LateInsertSql = """
        INSERT INTO asset_limits (asset_id, start_time, source, end_time, delivery_day, power_charge, created_at, updated_at)
        VALUES (@AssetId, @Start, 'CUSTOMER', @Start + interval '15 minutes', @Start::date, -1, now(), now())
        """;

    [Fact]
    public async Task A_reader_following_next_sees_every_committed_write_once_including_late_committers_and_no_rolled_back_one()
    {
        var assets = new List<string>();
        for (var i = 0; i < 4; i++) assets.Add(await AssetApi.CreateAsync(client));
        var (_, start) = await client.ReadAllAsync("entities=limits");

        var committed = new ConcurrentDictionary<(string, DateTime), DateTime>(); // write -> when its commit was acknowledged
        var rolledBack = new ConcurrentBag<(string, DateTime)>();
        var lateXids = new ConcurrentDictionary<(string, DateTime), long>();
        var writing = new CancellationTokenSource();
        var next = 0;
        // The scenario made certain rather than likely: every late transaction holds its id before the first
        // HTTP write starts, and commits only after HTTP writes (with larger ids) have committed.
        var lateIdsTaken = 0;
        var allLateIdsTaken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var httpCommits = 0;

        async Task HttpWriterAsync()
        {
            await allLateIdsTaken.Task.WaitAsync(TimeSpan.FromSeconds(30));
            for (var i = 0; i < 12; i++)
            {
                var n = Interlocked.Increment(ref next);
                var asset = assets[n % assets.Count];
                var slot = SlotOf(n);
                await client.PatchLimitsAsync(LimitEntry(asset, "OPERATIONS", DateOnly.FromDateTime(slot).ToString("yyyy-MM-dd"),
                    "\"power_charge\": -2", slot.ToString("HH:mm"), slot.AddMinutes(15) is var e && e.Date > slot.Date ? "24:00" : e.ToString("HH:mm"))).ExpectAsync(200);
                committed[(asset, slot)] = DateTime.UtcNow;
                Interlocked.Increment(ref httpCommits);
            }
        }

        // Takes its transaction id first, then holds the transaction open while HTTP writers commit, then commits or rolls back.
        async Task LateTransactionAsync(int k, bool commit)
        {
            var n = 10_000 + k;
            var asset = assets[k % assets.Count];
            var slot = SlotOf(n);
            await using var connection = await api.Db.OpenConnectionAsync();
            await using var tx = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync(LateInsertSql, new { AssetId = asset, Start = slot }, tx);
            var xid = await connection.ExecuteScalarAsync<long>("SELECT pg_current_xact_id()::text::bigint", transaction: tx);
            if (Interlocked.Increment(ref lateIdsTaken) == 6) allLateIdsTaken.SetResult();
            while (Volatile.Read(ref httpCommits) < 2 * (k + 1)) await Task.Delay(10);
            await Task.Delay(100 + 50 * k);
            if (commit)
            {
                await tx.CommitAsync();
                committed[(asset, slot)] = DateTime.UtcNow;
                lateXids[(asset, slot)] = xid;
            }
            else
            {
                await tx.RollbackAsync();
                rolledBack.Add((asset, slot));
            }
        }

        var seen = new List<JsonElement>();
        var reader = Task.Run(async () =>
        {
            var after = start;
            var draining = false;
            while (true)
            {
                var page = await client.GetAsync($"/api/v1/changes?entities=limits&limit=5&after={after}").ExpectAsync(200);
                var items = page.GetProperty("changes").EnumerateArray().ToArray();
                seen.AddRange(items);
                after = page.GetProperty("next").GetString()!;
                if (draining && items.Length < 5) return;
                if (!draining && writing.IsCancellationRequested)
                {
                    // Every write has committed: once the transactions older than now have ended, read to the end.
                    await ChangesApi.SettleAsync(api.Db);
                    draining = true;
                }
            }
        });

        var writers = Enumerable.Range(0, 6).Select(_ => Task.Run(HttpWriterAsync))
            .Concat(Enumerable.Range(0, 6).Select(k => Task.Run(() => LateTransactionAsync(k, commit: k % 3 != 2))))
            .ToArray();
        await Task.WhenAll(writers);
        writing.Cancel();
        await reader;

        var keys = seen.Select(c => (c.Text("asset_id"), DateTime.Parse(c.Text("from"), null, System.Globalization.DateTimeStyles.AdjustToUniversal))).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(committed.Keys.OrderBy(k => k).ToArray(), keys.OrderBy(k => k).ToArray());
        Assert.Equal(6 * 12 + 4, keys.Count);
        Assert.DoesNotContain(keys, rolledBack.Contains);
        Assert.Equal(seen.Count, seen.Select(c => c.Text("cursor")).Distinct().Count());

        // The scenario really happened: each late transaction held a smaller id than HTTP writes that had
        // already committed when it committed.
        var xidOf = seen.ToDictionary(c => (c.Text("asset_id"), DateTime.Parse(c.Text("from"), null, System.Globalization.DateTimeStyles.AdjustToUniversal)),
            c => ChangeCursor.TryParse(c.Text("cursor"), out var cursor) ? cursor.Xid : -1);
        foreach (var (late, xid) in lateXids)
        {
            Assert.Equal(xid, xidOf[late]);
            Assert.Contains(committed, w => !lateXids.ContainsKey(w.Key) && w.Value < committed[late] && xidOf[w.Key] > xid);
        }
    }
}
