using System.Text.Json;
using AssetService.Core.Dispatches;
using AssetService.Core.Ingestion;
using AssetService.Core.Status;
using AssetService.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static AssetService.Tests.Support.PeriodDataApi;

namespace AssetService.Tests.Changes;

/// <summary>Contract 6.2: what each kind of write puts into GET /api/v1/changes.</summary>
public sealed class ChangeFeedApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly HttpClient client = api.Client;

    private async Task<(List<JsonElement> Changes, string Next)> ReadAsync(string query, string? after = null)
    {
        await ChangesApi.SettleAsync(api.Db);
        return await client.ReadAllAsync(query, after);
    }

    private async Task<List<JsonElement>> ChangesOfAsync(string assetId, string? after = null) =>
        (await ReadAsync($"asset_ids={assetId}", after)).Changes;

    private static string Summary(JsonElement c) =>
        $"{c.Text("entity")} {c.Text("operation")} {c.Text("from")}..{c.Text("to")} rows={c.Text("rows")} by {c.Text("changed_by")}";

    [Fact]
    public async Task A_limits_patch_for_three_assets_gives_three_changes_with_one_changed_at_and_each_asset_s_span_and_rows()
    {
        var ids = new[] { await AssetApi.CreateAsync(client), await AssetApi.CreateAsync(client), await AssetApi.CreateAsync(client) };
        var (_, start) = await ReadAsync("entities=limits");
        await client.PatchLimitsAsync(
            LimitEntry(ids[0], "OPERATIONS", "2026-05-04", "\"power_charge\": -5", "12:00", "13:00"),
            LimitEntry(ids[1], "OPERATIONS", "2026-05-04", "\"power_charge\": -5", "00:00", "24:00", "2026-05-05"),
            LimitEntry(ids[2], "PV", "2026-05-04", "\"power_charge\": -5", "23:45", "24:00"),
            LimitEntry(ids[2], "CUSTOMER", "2026-05-04", "\"power_charge\": -5", "23:45", "24:00")).ExpectAsync(200);

        var changes = (await ReadAsync("entities=limits", start)).Changes;
        Assert.Equal(ids.Order(StringComparer.Ordinal), changes.Select(c => c.Text("asset_id")).Order(StringComparer.Ordinal));
        Assert.Single(changes.Select(c => c.Text("changed_at")).Distinct());
        var byAsset = changes.ToDictionary(c => c.Text("asset_id"), Summary);
        Assert.Equal("limits updated 2026-05-04T12:00:00Z..2026-05-04T13:00:00Z rows=4 by function-key", byAsset[ids[0]]);
        Assert.Equal("limits updated 2026-05-04T00:00:00Z..2026-05-06T00:00:00Z rows=192 by function-key", byAsset[ids[1]]);
        Assert.Equal("limits updated 2026-05-04T23:45:00Z..2026-05-05T00:00:00Z rows=2 by function-key", byAsset[ids[2]]);
        Assert.All(changes, c => Assert.Equal(JsonValueKind.Null, c.GetProperty("site_id").ValueKind));
    }

    [Fact]
    public async Task A_rejected_request_gives_no_change_and_a_clear_gives_one_deleted_change()
    {
        var id = await AssetApi.CreateAsync(client);
        await client.PatchLimitsAsync(LimitEntry(id, "OPERATIONS", "2026-05-04", "\"power_charge\": -5", "12:00", "13:00")).ExpectAsync(200);
        await client.PatchLimitsAsync(LimitEntry(id, "OPERATIONS", "2026-05-04", "\"trading_locked\": true", "12:00", "12:15")).ExpectAsync(200);
        var (_, after) = await ReadAsync($"asset_ids={id}");

        await client.PatchLimitsAsync(
            LimitEntry(id, "OPERATIONS", "2026-05-04", "\"power_charge\": -6", "12:00", "13:00"),
            LimitEntry(id, "OPERATIONS", "2026-05-04", "\"power_charge\": 6", "12:00", "13:00")).ExpectAsync(422);
        await client.DeleteAsync($"/api/v1/limits?asset_id={id}&source=OPERATIONS&start_time=2026-05-04T12:00:00Z&end_time=2026-05-04T12:30:00Z").ExpectAsync(200);

        var change = Assert.Single(await ChangesOfAsync(id, after));
        Assert.Equal("limits deleted 2026-05-04T12:00:00Z..2026-05-04T12:30:00Z rows=2 by function-key", Summary(change));
    }

    [Fact]
    public async Task Master_data_and_spec_versions_give_created_updated_and_deleted_changes()
    {
        var id = await AssetApi.CreateAsync(client);
        await client.PatchJsonAsync($"/api/v1/assets/{id}", """{"name": "Renamed"}""").ExpectAsync(200);
        await client.PutJsonAsync("/api/v1/specs", JsonSerializer.Serialize(new { asset_id = id, valid_from = "2026-01-01T00:00:00Z", ramp_rate = 0.5 })).ExpectAsync(201);
        await client.PutJsonAsync("/api/v1/specs", JsonSerializer.Serialize(new { asset_id = id, valid_from = "2026-03-01T00:00:00Z", ramp_rate = 0.7 })).ExpectAsync(201);
        await client.DeleteAsync($"/api/v1/assets/{id}").ExpectAsync(204);

        var changes = await ChangesOfAsync(id);
        Assert.Equal([
            "assets created .. rows=1 by function-key",
            "assets updated .. rows=1 by function-key",
            "specs created .. rows=1 by function-key",
            "specs created .. rows=2 by function-key",
        ], changes.Take(4).Select(Summary));
        // One DELETE: the asset and, by cascade, its spec versions, as one change per entity of that write.
        Assert.Equal(["assets deleted .. rows=1 by function-key", "specs deleted .. rows=2 by function-key"],
            changes.Skip(4).Select(Summary).Order(StringComparer.Ordinal));
        Assert.Single(changes.Skip(4).Select(c => Core.Changes.ChangeCursor.TryParse(c.Text("cursor"), out var cursor) ? cursor.Xid : -1).Distinct());
        var cursors = changes.Select(c => c.Text("cursor")).ToArray();
        Assert.Equal(cursors.Length, cursors.Distinct().Count());
    }

    [Fact]
    public async Task Ingested_status_and_dispatches_are_by_service_bus_and_an_identical_replay_gives_nothing()
    {
        var id = await AssetApi.CreateAsync(client);
        var dispatches = api.App.Services.GetRequiredService<DispatchIngestion>();
        var status = api.App.Services.GetRequiredService<StatusIngestion>();
        var series = Messages.DispatchSeries(id, 3);
        Assert.IsType<CompletedOutcome>(await dispatches.IngestAsync(Messages.Received(new { dispatches = series }), CancellationToken.None));
        Assert.IsType<CompletedOutcome>(await status.IngestAsync(Messages.Received(Messages.Status(id, "ONLINE", "2026-06-01T12:00:00Z")), CancellationToken.None));
        var (first, after) = await ReadAsync($"asset_ids={id}&entities=dispatches,status");

        Assert.Equal([
            "dispatches updated 2026-06-01T00:00:00Z..2026-06-01T00:45:00Z rows=3 by service-bus",
            "status updated 2026-06-01T12:00:00Z..2026-06-01T12:00:00Z rows=1 by service-bus",
        ], first.Select(Summary));

        Assert.IsType<CompletedOutcome>(await dispatches.IngestAsync(Messages.Received(new { dispatches = series }), CancellationToken.None));
        Assert.IsType<CompletedOutcome>(await status.IngestAsync(Messages.Received(Messages.Status(id, "ONLINE", "2026-06-01T12:00:00Z")), CancellationToken.None));
        Assert.IsType<DeadLettered>(await status.IngestAsync(Messages.Received(Messages.Status("DE_50HZ_NOPE_1", "ONLINE", "2026-06-01T12:00:00Z")), CancellationToken.None));
        var (later, next) = await ReadAsync($"asset_ids={id}", after);
        Assert.Empty(later);
        Assert.Equal(after, next);

        // A write of a key caller after the ingestion is by function-key again: the author is transaction-local.
        await client.PatchJsonAsync($"/api/v1/assets/{id}", """{"name": "Renamed"}""").ExpectAsync(200);
        Assert.Equal("function-key", Assert.Single(await ChangesOfAsync(id, after)).Text("changed_by"));
    }

    [Fact]
    public async Task Next_is_after_itself_when_nothing_is_new_and_a_malformed_or_unknown_cursor_is_a_422()
    {
        var (_, next) = await ReadAsync("asset_ids=DE_50HZ_NONE_1");
        var again = await client.GetAsync($"/api/v1/changes?asset_ids=DE_50HZ_NONE_1&after={next}").ExpectAsync(200);
        Assert.Empty(again.GetProperty("changes").EnumerateArray());
        Assert.Equal(next, again.Text("next"));

        Assert.Equal(["query.after"], (await client.GetAsync("/api/v1/changes?after=not-a-cursor").ExpectAsync(422)).Locs());
        var unknown = new Core.Changes.ChangeCursor(1, long.MaxValue).ToString();
        Assert.Equal(["query.after"], (await client.GetAsync($"/api/v1/changes?after={unknown}").ExpectAsync(422)).Locs());
        Assert.Equal(["query.entities.0"], (await client.GetAsync("/api/v1/changes?entities=widgets").ExpectAsync(422)).Locs());
        Assert.Equal(["query.limit"], (await client.GetAsync("/api/v1/changes?limit=1001").ExpectAsync(422)).Locs());
    }
}
