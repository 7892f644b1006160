using System.Text.Json;
using AssetService.Tests.Sites;
using AssetService.Tests.Support;
using static AssetService.Tests.Support.PeriodDataApi;

namespace AssetService.Tests.Changes;

/// <summary>Contract 6.2: the change each kind of write of period data, snapshots, sites and inverters gives.</summary>
public sealed class ChangeFeedEntityTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly HttpClient client = api.Client;

    private async Task<string> CursorAsync()
    {
        await ChangesApi.SettleAsync(api.Db);
        return (await client.ReadAllAsync("")).Next;
    }

    // Every change after the cursor, of the given asset or site.
    private async Task<List<JsonElement>> SinceAsync(string after, string? assetId = null, string? siteId = null)
    {
        await ChangesApi.SettleAsync(api.Db);
        var (changes, _) = await client.ReadAllAsync(assetId is null ? "" : $"asset_ids={assetId}", after);
        return changes.Where(c => siteId is null || c.GetProperty("site_id").GetString() == siteId).ToList();
    }

    private static string Summary(JsonElement c) =>
        $"{c.Text("entity")} {c.Text("operation")} {c.Text("from")}..{c.Text("to")} rows={c.Text("rows")}";

    private static void OfAsset(JsonElement change, string assetId)
    {
        Assert.Equal(assetId, change.GetProperty("asset_id").GetString());
        Assert.Equal(JsonValueKind.Null, change.GetProperty("site_id").ValueKind);
    }

    private static void OfSite(JsonElement change, string siteId)
    {
        Assert.Equal(JsonValueKind.Null, change.GetProperty("asset_id").ValueKind);
        Assert.Equal(siteId, change.GetProperty("site_id").GetString());
    }

    private static string Slot(string start, string end) => $"\"start_time\": \"{start}\", \"end_time\": \"{end}\"";

    private static string Limit(string start, string end, string values) => $"{{{Slot(start, end)}, {values}}}";

    [Fact]
    public async Task A_forecasts_put_gives_one_updated_change_per_asset_spanning_its_slots_and_an_overwrite_counts_the_rows_it_rewrote()
    {
        var id = await AssetApi.CreateAsync(client);
        var after = await CursorAsync();
        await client.PutJsonAsync("/api/v1/forecasts", Batch("forecasts", [
            $$"""{"asset_id": "{{id}}", {{Slot("2026-05-04T10:00:00Z", "2026-05-04T10:15:00Z")}}, "generation": 1, "consumption": 0}""",
            $$"""{"asset_id": "{{id}}", {{Slot("2026-05-05T23:45:00Z", "2026-05-06T00:00:00Z")}}, "generation": 2, "consumption": 0}""",
        ])).ExpectAsync(200);
        await client.PutJsonAsync("/api/v1/forecasts", Batch("forecasts", [
            $$"""{"asset_id": "{{id}}", {{Slot("2026-05-04T10:00:00Z", "2026-05-04T10:15:00Z")}}, "generation": 3, "consumption": 1}""",
        ])).ExpectAsync(200);

        var changes = await SinceAsync(after, assetId: id);
        Assert.Equal([
            "forecasts updated 2026-05-04T10:00:00Z..2026-05-06T00:00:00Z rows=2",
            "forecasts updated 2026-05-04T10:00:00Z..2026-05-04T10:15:00Z rows=1",
        ], changes.Select(Summary));
        Assert.All(changes, c => OfAsset(c, id));
    }

    [Fact]
    public async Task A_reservations_put_gives_one_updated_change_per_asset_counting_every_market_and_source_row()
    {
        var id = await AssetApi.CreateAsync(client);
        var after = await CursorAsync();
        string Reservation(string slot, string market, string source) =>
            $$"""{"asset_id": "{{id}}", {{slot}}, "market": "{{market}}", "source": "{{source}}", "power": -2, "energy_change": -0.5, "energy_buffer_low": 0.5, "energy_buffer_high": 1}""";
        var first = Slot("2026-05-04T10:00:00Z", "2026-05-04T10:15:00Z");
        await client.PutJsonAsync("/api/v1/reservations", Batch("reservations", [
            Reservation(first, "DAY_AHEAD", "OPTIMISATION"),
            Reservation(first, "FCR", "EXTERNAL"),
            Reservation(Slot("2026-05-04T11:00:00Z", "2026-05-04T11:15:00Z"), "DAY_AHEAD", "OPTIMISATION"),
        ])).ExpectAsync(200);

        var change = Assert.Single(await SinceAsync(after, assetId: id));
        Assert.Equal("reservations updated 2026-05-04T10:00:00Z..2026-05-04T11:15:00Z rows=3", Summary(change));
        OfAsset(change, id);
    }

    [Fact]
    public async Task A_state_snapshots_post_gives_one_change_per_asset_from_the_earliest_to_the_latest_effective_at()
    {
        var (a, b) = (await AssetApi.CreateAsync(client), await AssetApi.CreateAsync(client));
        var after = await CursorAsync();
        await client.PostJsonAsync("/api/v1/state-snapshots", Batch("state_snapshots", [
            $$"""{"asset_id": "{{a}}", "effective_at": "2026-05-04T12:00:00Z", "stored_energy": 2}""",
            $$"""{"asset_id": "{{a}}", "effective_at": "2026-05-04T10:00:00Z", "stored_energy": 1}""",
            $$"""{"asset_id": "{{b}}", "effective_at": "2026-05-04T11:00:00Z", "stored_energy": 3}""",
        ])).ExpectAsync(200);

        var ofA = Assert.Single(await SinceAsync(after, assetId: a));
        Assert.Equal("state_snapshots updated 2026-05-04T10:00:00Z..2026-05-04T12:00:00Z rows=2", Summary(ofA));
        OfAsset(ofA, a);
        Assert.Equal("state_snapshots updated 2026-05-04T11:00:00Z..2026-05-04T11:00:00Z rows=1", Summary(Assert.Single(await SinceAsync(after, assetId: b))));
    }

    [Fact]
    public async Task A_site_s_creation_update_and_removal_are_created_updated_and_deleted_changes_of_the_site()
    {
        var after = await CursorAsync();
        var site = await SiteApi.CreateIdAsync(client);
        await client.PatchJsonAsync($"/api/v1/sites/{site}", """{"name": "Renamed"}""").ExpectAsync(200);
        await client.DeleteAsync($"/api/v1/sites/{site}").ExpectAsync(204);

        var changes = await SinceAsync(after, siteId: site);
        Assert.Equal(["sites created .. rows=1", "sites updated .. rows=1", "sites deleted .. rows=1"], changes.Select(Summary));
        Assert.All(changes, c => OfSite(c, site));
    }

    [Fact]
    public async Task An_inverter_s_creation_relinking_and_removal_are_inverters_changes_of_its_site()
    {
        var (a, b) = (await AssetApi.CreateAsync(client), await AssetApi.CreateAsync(client));
        var site = await SiteApi.CreateIdAsync(client);
        var after = await CursorAsync();
        var inverter = await SiteApi.AddInverterIdAsync(client, site, a);
        await client.PatchJsonAsync($"/api/v1/sites/{site}/inverters/{inverter}", JsonSerializer.Serialize(new { asset_ids = new[] { b } })).ExpectAsync(200);
        await client.DeleteAsync($"/api/v1/sites/{site}/inverters/{inverter}").ExpectAsync(204);

        // The inverter and its links are one change per write: creating it with its asset, replacing its
        // assets (the links removed and added), removing it with its links.
        var changes = await SinceAsync(after, siteId: site);
        Assert.Equal(["inverters created .. rows=1", "inverters updated .. rows=1", "inverters deleted .. rows=1"], changes.Select(Summary));
        Assert.All(changes, c => OfSite(c, site));
        Assert.Empty(await SinceAsync(after, assetId: a));
    }

    [Fact]
    public async Task Site_limits_and_inverter_limits_puts_give_changes_of_the_site_spanning_the_slots_written()
    {
        var id = await AssetApi.CreateAsync(client);
        var site = await SiteApi.CreateIdAsync(client);
        var inverter = await SiteApi.AddInverterIdAsync(client, site, id);
        var after = await CursorAsync();
        await client.PutJsonAsync($"/api/v1/sites/{site}/limits", Batch("limits", [
            Limit("2026-05-04T10:00:00Z", "2026-05-04T10:15:00Z", "\"import_power\": 5"),
            Limit("2026-05-04T10:15:00Z", "2026-05-04T10:30:00Z", "\"export_power\": 4")])).ExpectAsync(200);
        await client.PutJsonAsync($"/api/v1/sites/{site}/inverters/{inverter}/limits", Batch("limits", [
            Limit("2026-05-04T23:45:00Z", "2026-05-05T00:00:00Z", "\"power_charge\": -1")])).ExpectAsync(200);

        var changes = await SinceAsync(after, siteId: site);
        Assert.Equal([
            "site_limits updated 2026-05-04T10:00:00Z..2026-05-04T10:30:00Z rows=2",
            "inverter_limits updated 2026-05-04T23:45:00Z..2026-05-05T00:00:00Z rows=1",
        ], changes.Select(Summary));
        Assert.All(changes, c => OfSite(c, site));
    }

    [Fact]
    public async Task Deleting_a_site_removes_its_inverters_and_limits_in_one_write_with_one_deleted_change_per_entity()
    {
        var id = await AssetApi.CreateAsync(client);
        var site = await SiteApi.CreateIdAsync(client);
        var inverter = await SiteApi.AddInverterIdAsync(client, site, id);
        await client.PutJsonAsync($"/api/v1/sites/{site}/limits", Batch("limits", [
            Limit("2026-05-04T10:00:00Z", "2026-05-04T10:15:00Z", "\"import_power\": 5")])).ExpectAsync(200);
        await client.PutJsonAsync($"/api/v1/sites/{site}/inverters/{inverter}/limits", Batch("limits", [
            Limit("2026-05-04T10:00:00Z", "2026-05-04T10:15:00Z", "\"power_charge\": -1"),
            Limit("2026-05-04T10:15:00Z", "2026-05-04T10:30:00Z", "\"power_charge\": -2")])).ExpectAsync(200);
        var after = await CursorAsync();
        await client.DeleteAsync($"/api/v1/sites/{site}").ExpectAsync(204);

        var changes = await SinceAsync(after, siteId: site);
        Assert.Equal([
            "inverter_limits deleted 2026-05-04T10:00:00Z..2026-05-04T10:30:00Z rows=2",
            "inverters deleted .. rows=1",
            "site_limits deleted 2026-05-04T10:00:00Z..2026-05-04T10:15:00Z rows=1",
            "sites deleted .. rows=1",
        ], changes.Select(Summary).Order(StringComparer.Ordinal));
        Assert.Single(changes.Select(c => Core.Changes.ChangeCursor.TryParse(c.Text("cursor"), out var cursor) ? cursor.Xid : -1).Distinct());
        Assert.Empty(await SinceAsync(after, assetId: id));
    }
}
