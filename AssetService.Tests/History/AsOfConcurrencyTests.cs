using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using AssetService.Tests.Sites;
using AssetService.Tests.Support;
using static AssetService.Tests.Support.PeriodDataApi;

namespace AssetService.Tests.History;

/// <summary>
/// Contract 6.1 under concurrent writers of one row or slot (issue 23): 24 clients write the same thing
/// at once, write k setting every value read to k; then as_of reads at every instant the feed names,
/// just before it and between it and the next. Never a 5xx, never a row or source twice, every answer
/// one committed write (never a mix), each write visible for one contiguous stretch of time in the order
/// of the writes' instants, updated_at never decreasing, and a write answered before another was sent
/// has the earlier instant. The feed names every write once, with changed_at distinct per row.
/// </summary>
public sealed class AsOfConcurrencyTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const int Clients = 24;
    private const int WritesPerClient = 3;
    private const string Window = "from=2026-05-01T00:00:00Z&to=2026-05-02T00:00:00Z";

    private readonly HttpClient client = api.Client;

    // Four slots from 12:00, in the shape of a period PUT.
    private static string Slots(Func<DateTime, string> values) => string.Join(",", Enumerable.Range(0, 4).Select(i =>
    {
        var start = new DateTime(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc).AddMinutes(15 * i);
        return $$"""{"start_time": "{{start.Iso()}}", "end_time": "{{start.AddMinutes(15).Iso()}}", {{values(start)}}}""";
    }));

    private static decimal Dec(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? decimal.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetDecimal();

    private static DateTime? Stamp(JsonElement row) => row.GetProperty("updated_at").GetDateTime().ToUniversalTime();

    /// <summary>The one write all <paramref name="values"/> show (0: none yet), or an assertion naming the mix.</summary>
    private static int One(IReadOnlyCollection<int> values, int expected, string what)
    {
        Assert.True(values.Count == expected, $"{what}: {values.Count} rows, expected {expected}");
        var distinct = values.Distinct().ToArray();
        Assert.True(distinct.Length == 1, $"{what}: a mix of writes {string.Join(", ", distinct)}");
        return distinct[0];
    }

    private static (int, DateTime?) Rows(JsonElement list, string property, int expected, Func<JsonElement, int> write, Func<JsonElement, string> key)
    {
        var rows = list.GetProperty(property).EnumerateArray().ToArray();
        if (rows.Length == 0) return (0, null);
        var keys = rows.Select(key).ToArray();
        Assert.True(keys.Distinct().Count() == keys.Length, $"a row twice: {string.Join(", ", keys)}");
        return (One(rows.Select(write).ToArray(), expected, property), rows.Max(Stamp));
    }

    private sealed record Probe(DateTime At, int Status, int Write, DateTime? UpdatedAt, string? Problem);

    private async Task AssertHistoryHoldsAsync(Func<int, Task<HttpResponseMessage>> write, Func<string, Task<HttpResponseMessage>> read,
        Func<JsonElement, (int Write, DateTime? UpdatedAt)> state, string feedQuery, Func<JsonElement, bool> ofRow)
    {
        await ChangesApi.SettleAsync(api.Db);
        var (_, start) = await client.ReadAllAsync(feedQuery);
        var timings = new ConcurrentDictionary<int, (DateTime Sent, DateTime Answered)>();
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < WritesPerClient; i++)
            {
                var k = Interlocked.Increment(ref next);
                var sent = DateTime.UtcNow;
                using var response = await write(k);
                Assert.True(response.IsSuccessStatusCode, $"write {k}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                timings[k] = (sent, DateTime.UtcNow);
            }
        })));
        var writes = Clients * WritesPerClient;

        // The feed: every write once, at distinct instants.
        await ChangesApi.SettleAsync(api.Db);
        var (changes, _) = await client.ReadAllAsync(feedQuery, start, 1000);
        var mine = changes.Where(ofRow).ToArray();
        Assert.Equal(mine.Length, mine.Select(c => c.GetProperty("cursor").GetString()).Distinct().Count());
        Assert.Equal(writes, mine.Length);
        var instants = mine.Select(c => c.GetProperty("changed_at").GetDateTime().ToUniversalTime()).Order().ToArray();
        Assert.Equal(writes, instants.Distinct().Count());

        // as_of at each instant, a microsecond before it and halfway to the next.
        var tick = TimeSpan.FromTicks(10);
        var at = instants.SelectMany((t, i) => i + 1 < instants.Length ? [t - tick, t, t + (instants[i + 1] - t) / 2] : new[] { t - tick, t })
            .Distinct().Order().ToArray();
        var probes = new Probe[at.Length];
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(at.Select(async (t, i) =>
        {
            await gate.WaitAsync();
            try
            {
                using var response = await read(t.Iso());
                var text = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode != 200) probes[i] = new Probe(t, (int)response.StatusCode, -1, default, text);
                else
                    try
                    {
                        var (k, updatedAt) = state(JsonDocument.Parse(text).RootElement);
                        probes[i] = new Probe(t, 200, k, updatedAt, null);
                    }
                    catch (Xunit.Sdk.XunitException e)
                    {
                        probes[i] = new Probe(t, 200, -1, default, e.Message);
                    }
            }
            finally
            {
                gate.Release();
            }
        }));

        var failed = probes.Where(p => p.Status >= 500).ToArray();
        Assert.True(failed.Length == 0, $"{failed.Length} of {probes.Length} as_of reads answered 5xx, e.g. {failed.FirstOrDefault()?.Problem}");
        var wrong = probes.Where(p => p.Problem is not null).ToArray();
        Assert.True(wrong.Length == 0, $"{wrong.Length} of {probes.Length} as_of reads were no committed state, e.g. at {wrong.FirstOrDefault()?.At.Iso()}: {wrong.FirstOrDefault()?.Problem}");

        // Each write for one stretch of time, in the order of their instants; updated_at never back.
        var sequence = new List<int>();
        foreach (var p in probes.Where(p => p.Write > 0))
            if (sequence.Count == 0 || sequence[^1] != p.Write) sequence.Add(p.Write);
        Assert.True(sequence.Count == sequence.Distinct().Count(), $"a state came back after another: {string.Join(" ", sequence)}");
        Assert.Equal(Enumerable.Range(1, writes), sequence.Order());
        // At a write's instant the answer is that write: updated_at is that instant (where the read shows it).
        var atInstants = probes.Where(p => instants.Contains(p.At)).ToArray();
        Assert.Equal(writes, atInstants.Select(p => p.Write).Distinct().Count());
        Assert.All(atInstants, p => Assert.True(p.UpdatedAt is null || p.UpdatedAt == p.At, $"updated_at {p.UpdatedAt?.Iso()} at as_of {p.At.Iso()}"));
        var stamps = probes.Where(p => p.Write > 0 && p.UpdatedAt is not null).Select(p => p.UpdatedAt!.Value).ToArray();
        Assert.True(stamps.Zip(stamps.Skip(1)).All(s => s.First <= s.Second), "updated_at went backwards as as_of grew");

        // A write answered before another was sent has the earlier instant.
        var instantOf = atInstants.ToDictionary(p => p.Write, p => p.At);
        var inversions = (from x in timings from y in timings
                          where x.Value.Answered < y.Value.Sent && instantOf[x.Key] >= instantOf[y.Key]
                          select (x.Key, y.Key)).ToArray();
        Assert.True(inversions.Length == 0, $"{inversions.Length} writes answered before another was sent have the later instant");
    }

    [Fact]
    public async Task An_asset_renamed_by_24_clients_at_once_reads_as_one_committed_name_at_every_instant()
    {
        var id = await AssetApi.CreateAsync(client);
        await AssertHistoryHoldsAsync(
            k => client.PatchJsonAsync($"/api/v1/assets/{id}", $$"""{"name": "W{{k}}"}"""),
            t => client.GetAsync($"/api/v1/assets/{id}?as_of={t}"),
            a => (a.Text("name") is var n && n.StartsWith('W') ? int.Parse(n[1..], CultureInfo.InvariantCulture) : 0, Stamp(a)),
            $"entities=assets&asset_ids={id}", _ => true);
    }

    [Fact]
    public async Task A_spec_version_updated_by_24_clients_at_once_reads_as_one_committed_version_at_every_instant()
    {
        var id = await AssetApi.CreateAsync(client);
        await client.PutJsonAsync("/api/v1/specs", JsonSerializer.Serialize(new { asset_id = id, valid_from = "2026-01-01T00:00:00Z", ramp_rate = 5 })).ExpectAsync(201);
        await AssertHistoryHoldsAsync(
            k => client.PutJsonAsync("/api/v1/specs", JsonSerializer.Serialize(new { asset_id = id, valid_from = "2026-01-01T00:00:00Z", ramp_rate = k / 1000m })),
            t => client.GetAsync($"/api/v1/specs?asset_ids={id}&as_of={t}"),
            list => Rows(list, "specs", 1, s => (int)(Dec(s.GetProperty("ramp_rate")) * 1000) % 5000, s => s.Text("valid_from")),
            $"entities=specs&asset_ids={id}", _ => true);
    }

    [Fact]
    public async Task Limits_of_the_same_slots_patched_by_24_clients_at_once_list_each_source_once_with_one_write_s_values()
    {
        var id = await AssetApi.CreateAsync(client);
        await AssertHistoryHoldsAsync(
            k => client.PatchLimitsAsync(LimitEntry(id, "OPERATIONS", "2026-05-01", $"\"power_charge\": -{k}", "12:00", "13:00")),
            t => client.GetAsync($"/api/v1/limits?asset_ids={id}&{Window}&as_of={t}"),
            list =>
            {
                var groups = list.GetProperty("limits").EnumerateArray().ToArray();
                if (groups.Length == 0) return (0, null);
                var sources = groups.Select(g => g.GetProperty("sources").EnumerateArray().ToArray()).ToArray();
                Assert.True(sources.All(s => s.Length == 1), $"a source twice in a slot: {string.Join(", ", sources.Select(s => s.Length))}");
                Assert.True(groups.Select(g => g.Text("start_time")).Distinct().Count() == groups.Length, "a slot twice");
                var k = One(sources.Select(s => -(int)s[0].Number("power_charge")!.Value).ToArray(), 4, "limits");
                Assert.All(groups, g => Assert.Equal(-k, g.GetProperty("computed").Number("power_charge")));
                return (k, sources.Max(s => Stamp(s[0])));
            },
            $"entities=limits&asset_ids={id}", _ => true);
    }

    [Fact]
    public async Task Forecasts_of_the_same_slots_put_by_24_clients_at_once_read_as_one_write_at_every_instant()
    {
        var id = await AssetApi.CreateAsync(client);
        await AssertHistoryHoldsAsync(
            k => client.PutJsonAsync("/api/v1/forecasts", $$"""{"forecasts": [{{Slots(_ => $"\"generation\": {k}, \"consumption\": 0")}}]}""".Replace("{\"start", $"{{\"asset_id\": \"{id}\", \"start")),
            t => client.GetAsync($"/api/v1/forecasts?asset_ids={id}&{Window}&as_of={t}"),
            list => Rows(list, "forecasts", 4, f => (int)f.Number("generation")!.Value, f => f.Text("start_time")),
            $"entities=forecasts&asset_ids={id}", _ => true);
    }

    [Fact]
    public async Task Reservations_of_the_same_slots_put_by_24_clients_at_once_read_as_one_write_at_every_instant()
    {
        var id = await AssetApi.CreateAsync(client);
        const string Rest = "\"market\": \"DAY_AHEAD\", \"source\": \"OPTIMISATION\", \"energy_change\": -0.5, \"energy_buffer_low\": 0.5, \"energy_buffer_high\": 1";
        await AssertHistoryHoldsAsync(
            k => client.PutJsonAsync("/api/v1/reservations", $$"""{"reservations": [{{Slots(_ => $"\"power\": -{k}, {Rest}")}}]}""".Replace("{\"start", $"{{\"asset_id\": \"{id}\", \"start")),
            t => client.GetAsync($"/api/v1/reservations?asset_ids={id}&{Window}&as_of={t}"),
            list => Rows(list, "reservations", 4, r => -(int)r.Number("power")!.Value, r => r.Text("start_time") + r.Text("market") + r.Text("source")),
            $"entities=reservations&asset_ids={id}", _ => true);
    }

    [Fact]
    public async Task A_site_renamed_by_24_clients_at_once_reads_as_one_committed_name_at_every_instant()
    {
        var site = await SiteApi.CreateIdAsync(client);
        await AssertHistoryHoldsAsync(
            k => client.PatchJsonAsync($"/api/v1/sites/{site}", $$"""{"name": "W{{k}}"}"""),
            t => client.GetAsync($"/api/v1/sites/{site}?as_of={t}"),
            s => (s.Text("name") is var n && n.StartsWith('W') ? int.Parse(n[1..], CultureInfo.InvariantCulture) : 0, Stamp(s)),
            "entities=sites", c => c.Text("site_id") == site);
    }

    [Fact]
    public async Task An_inverter_and_its_asset_links_patched_by_24_clients_at_once_read_as_one_write_at_every_instant()
    {
        var (a, b) = (await AssetApi.CreateAsync(client), await AssetApi.CreateAsync(client));
        var site = await SiteApi.CreateIdAsync(client);
        var inverter = await SiteApi.AddInverterIdAsync(client, site, a);
        string[] LinksOf(int k) => k % 2 == 0 ? [a] : [a, b];
        await AssertHistoryHoldsAsync(
            k => client.PatchJsonAsync($"/api/v1/sites/{site}/inverters/{inverter}",
                JsonSerializer.Serialize(new { charge_efficiency = (500 + k) / 1000m, asset_ids = LinksOf(k) })),
            t => client.GetAsync($"/api/v1/sites/{site}?as_of={t}"),
            s =>
            {
                var inverters = s.GetProperty("inverters").EnumerateArray().ToArray();
                Assert.True(inverters.Length == 1, $"{inverters.Length} inverters");
                var k = (int)(Dec(inverters[0].GetProperty("charge_efficiency")) * 1000) - 500;
                var links = inverters[0].GetProperty("asset_ids").EnumerateArray().Select(x => x.GetString()!).Order(StringComparer.Ordinal).ToArray();
                if (k is < 1 or > Clients * WritesPerClient) return (0, null);
                Assert.True(links.SequenceEqual(LinksOf(k).Order(StringComparer.Ordinal)), $"write {k} with the links {string.Join(", ", links)}");
                return (k, null); // an inverter shows no updated_at
            },
            "entities=inverters", c => c.Text("site_id") == site);
    }

    [Fact]
    public async Task Site_limits_of_the_same_slots_put_by_24_clients_at_once_read_as_one_write_at_every_instant()
    {
        var site = await SiteApi.CreateIdAsync(client);
        await AssertHistoryHoldsAsync(
            k => client.PutJsonAsync($"/api/v1/sites/{site}/limits", $$"""{"limits": [{{Slots(_ => $"\"import_power\": {k}")}}]}"""),
            t => client.GetAsync($"/api/v1/sites/{site}/limits?{Window}&as_of={t}"),
            list => Rows(list, "limits", 4, l => (int)l.Number("import_power")!.Value, l => l.Text("start_time")),
            "entities=site_limits", c => c.Text("site_id") == site);
    }

    [Fact]
    public async Task Inverter_limits_of_the_same_slots_put_by_24_clients_at_once_read_as_one_write_at_every_instant()
    {
        var site = await SiteApi.CreateIdAsync(client);
        var inverter = await SiteApi.AddInverterIdAsync(client, site, await AssetApi.CreateAsync(client));
        await AssertHistoryHoldsAsync(
            k => client.PutJsonAsync($"/api/v1/sites/{site}/inverters/{inverter}/limits", $$"""{"limits": [{{Slots(_ => $"\"power_charge\": -{k}")}}]}"""),
            t => client.GetAsync($"/api/v1/sites/{site}/inverters/{inverter}/limits?{Window}&as_of={t}"),
            list => Rows(list, "limits", 4, l => -(int)l.Number("power_charge")!.Value, l => l.Text("start_time")),
            "entities=inverter_limits", c => c.Text("site_id") == site);
    }
    [Fact]
    public async Task The_feed_names_each_of_24_concurrent_writes_of_one_asset_once_and_the_last_committed_has_the_latest_changed_at()
    {
        var id = await AssetApi.CreateAsync(client);
        await ChangesApi.SettleAsync(api.Db);
        var (_, start) = await client.ReadAllAsync($"entities=assets&asset_ids={id}");
        var stamped = new ConcurrentDictionary<string, string>(); // updated_at answered -> name written
        var lastOutOfOrder = new List<string>();
        for (var round = 0; round < 5; round++)
        {
            var names = Enumerable.Range(0, Clients).Select(i => $"R{round}W{i}").ToArray();
            await Task.WhenAll(names.Select(name => Task.Run(async () =>
            {
                var asset = await client.PatchJsonAsync($"/api/v1/assets/{id}", $$"""{"name": "{{name}}"}""").ExpectAsync(200);
                Assert.True(stamped.TryAdd(asset.Text("updated_at"), name), $"two writes answered updated_at {asset.Text("updated_at")}");
            })));
            // What stays is what committed last: it must carry the round's latest instant.
            var current = (await client.GetAsync($"/api/v1/assets/{id}").ExpectAsync(200)).Text("name");
            var latest = stamped.Where(s => names.Contains(s.Value)).MaxBy(s => DateTime.Parse(s.Key, CultureInfo.InvariantCulture).ToUniversalTime()).Value;
            if (current != latest) lastOutOfOrder.Add($"round {round}: {current} stayed, {latest} has the latest updated_at");
        }
        Assert.Empty(lastOutOfOrder);

        await ChangesApi.SettleAsync(api.Db);
        var (changes, _) = await client.ReadAllAsync($"entities=assets&asset_ids={id}", start, 1000);
        Assert.Equal(5 * Clients, changes.Count);
        Assert.Equal(changes.Count, changes.Select(c => c.Text("cursor")).Distinct().Count());
        Assert.Equal(stamped.Keys.Select(k => DateTime.Parse(k, CultureInfo.InvariantCulture).ToUniversalTime()).Order(),
            changes.Select(c => c.GetProperty("changed_at").GetDateTime().ToUniversalTime()).Order());
    }
}
