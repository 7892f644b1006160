using System.Net;
using System.Text;
using System.Text.Json;
using AssetService.LocalHost;
using AssetService.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AssetService.Tests.Ingestion;

/// <summary>The LocalHost dev route feeding the queues, read back through GET /dispatches and GET /status.</summary>
public sealed class DevQueueApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private Task<JsonElement> PostAsync(string queue, object body, int status = 200) =>
        api.Client.PostJsonAsync($"/dev/queues/{queue}/messages", JsonSerializer.Serialize(body)).ExpectAsync(status);

    [Fact]
    public async Task A_dispatch_posted_to_the_dev_queue_is_visible_in_get_dispatches()
    {
        var asset = await AssetApi.CreateAsync(api.Client, "PL", "PSE");
        var id = Guid.NewGuid();
        var posted = await PostAsync("dispatches", Messages.Dispatch(asset, id, start: "2026-01-31T23:00:00Z", end: "2026-01-31T23:15:00Z", power: -3.5m));
        Assert.Equal("""{"outcome":"completed"}""", posted.GetRawText());

        var page = await api.Client.GetAsync($"/api/v1/dispatches?asset_ids={asset}&from=2026-01-31T00:00:00Z&to=2026-02-02T00:00:00Z").ExpectAsync(200);

        var dispatch = Assert.Single(page.GetProperty("dispatches").EnumerateArray());
        Assert.Equal(id.ToString(), dispatch.GetProperty("id").GetString());
        Assert.Equal(asset, dispatch.GetProperty("asset_id").GetString());
        Assert.Equal("2026-01-31T23:00:00Z", dispatch.GetProperty("start_time").GetString());
        Assert.Equal("2026-01-31T23:15:00Z", dispatch.GetProperty("end_time").GetString());
        Assert.Equal("2026-02-01", dispatch.GetProperty("delivery_day").GetString()); // midnight in Warsaw
        Assert.Equal(-3.5m, dispatch.GetProperty("power").GetDecimal());
        Assert.Equal(JsonValueKind.Number, dispatch.GetProperty("power").ValueKind);
        Assert.Equal("INTRADAY", dispatch.GetProperty("market").GetString());
        Assert.Equal("OPTIMISATION", dispatch.GetProperty("source").GetString());
        Assert.Equal("2026-06-01T09:00:00Z", dispatch.GetProperty("issued_at").GetString());
        Assert.EndsWith("Z", dispatch.GetProperty("received_at").GetString());
        Assert.Equal((50, 0), (page.GetProperty("limit").GetInt32(), page.GetProperty("offset").GetInt32()));
    }

    [Fact]
    public async Task A_malformed_message_comes_back_dead_lettered_with_a_reason()
    {
        var response = await api.Client.PostAsync("/dev/queues/dispatches/messages",
            new StringContent("{\"dispatch_id\": \"abc\",", Encoding.UTF8, "application/json")).ExpectAsync(200);
        Assert.Equal("dead-lettered", response.GetProperty("outcome").GetString());
        Assert.Equal("invalid_json", response.GetProperty("reason").GetString());
        Assert.Contains("not valid JSON", response.GetProperty("description").GetString());

        var schema = await PostAsync("asset-status", new { asset_id = "X", status = "ON", effective_at = "2026-06-01T10:00:00Z" });
        Assert.Equal("schema", schema.GetProperty("reason").GetString());
        Assert.Contains("body.status: Input should be", schema.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Unknown_assets_and_conflicting_replays_come_back_dead_lettered()
    {
        var unknown = await PostAsync("dispatches", Messages.Dispatch("DE_50HZ_NOPE_9"));
        Assert.Equal(("unknown_asset", "Unknown asset ids: DE_50HZ_NOPE_9; no event of this message was stored"),
            (unknown.GetProperty("reason").GetString(), unknown.GetProperty("description").GetString()));

        var asset = await AssetApi.CreateAsync(api.Client);
        var id = Guid.NewGuid();
        await PostAsync("dispatches", Messages.Dispatch(asset, id, power: 1));
        Assert.Equal("completed", (await PostAsync("dispatches", Messages.Dispatch(asset, id, power: 1))).GetProperty("outcome").GetString());
        var conflict = await PostAsync("dispatches", Messages.Dispatch(asset, id, power: 2));
        Assert.Equal("conflicting_replay", conflict.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Status_posted_to_the_dev_queue_is_visible_as_latest_history_and_by_status()
    {
        var a = await AssetApi.CreateAsync(api.Client);
        var b = await AssetApi.CreateAsync(api.Client);
        var silent = await AssetApi.CreateAsync(api.Client);
        await PostAsync("asset-status", Messages.Status(a, "ONLINE", "2026-06-01T08:00:00Z"));
        await PostAsync("asset-status", Messages.Status(a, "DEGRADED", "2026-06-01T10:00:00Z", "cell temperature high"));
        await PostAsync("asset-status", Messages.Status(a, "OFFLINE", "2026-06-01T09:00:00Z", "arrived late"));
        await PostAsync("asset-status", Messages.Status(b, "ONLINE", "2026-06-01T09:30:00Z"));
        var ids = $"asset_ids={b},{silent}&asset_ids={a}";

        var latest = await api.Client.GetAsync($"/api/v1/status?{ids}&latest=true").ExpectAsync(200);
        Assert.Equal(ByAsset((a, "DEGRADED"), (b, "ONLINE")), Entries(latest));
        var degraded = latest.GetProperty("statuses").EnumerateArray().Single(s => s.GetProperty("asset_id").GetString() == a);
        Assert.Equal("2026-06-01T10:00:00Z", degraded.GetProperty("effective_at").GetString());
        Assert.Equal(["cell temperature high"], degraded.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));

        var history = await api.Client.GetAsync($"/api/v1/status?{ids}&from=2026-06-01T08:00:00Z&to=2026-06-01T10:00:00Z").ExpectAsync(200);
        Assert.Equal(ByAsset((a, "ONLINE"), (a, "OFFLINE"), (b, "ONLINE")), Entries(history));

        var online = await api.Client.GetAsync($"/api/v1/status?{ids}&latest=true&status=ONLINE").ExpectAsync(200);
        Assert.Equal(ByAsset((b, "ONLINE")), Entries(online));
        var filtered = await api.Client.GetAsync($"/api/v1/status?{ids}&from=2026-01-01T00:00:00Z&status=ONLINE,OFFLINE").ExpectAsync(200);
        Assert.Equal(ByAsset((a, "ONLINE"), (a, "OFFLINE"), (b, "ONLINE")), Entries(filtered));

        var ofAsset = await api.Client.GetAsync($"/api/v1/assets/{a}/status").ExpectAsync(200);
        Assert.Equal(("DEGRADED", "2026-06-01T10:00:00Z"), (ofAsset.GetProperty("status").GetString(), ofAsset.GetProperty("effective_at").GetString()));
        var none = await api.Client.GetAsync($"/api/v1/assets/{silent}/status").ExpectAsync(200);
        Assert.Equal("UNKNOWN", none.GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_unknown_queue_is_404_and_the_route_needs_the_key()
    {
        var missing = await PostAsync("nope", new { }, 404);
        Assert.Contains("dispatches or asset-status", missing.GetProperty("detail").GetString());
        var response = await api.Anonymous.PostJsonAsync("/dev/queues/dispatches/messages", "{}");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_dev_route_is_off_with_ASSET_SERVICE_DEV_INGEST_false()
    {
        await using var app = LocalHostApp.Build([], new Dictionary<string, string?>
        {
            ["PostgresConnection"] = TestDatabase.ConnectionStringFor(api.Database),
            ["ASSET_SERVICE_API_KEY"] = ApiFixture.Key,
            ["ASSET_SERVICE_PORT"] = "0",
            ["ASSET_SERVICE_DEV_INGEST"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
        client.DefaultRequestHeaders.Add("x-functions-key", ApiFixture.Key);

        await client.PostJsonAsync("/dev/queues/dispatches/messages", "{}").ExpectAsync(404);
        await app.StopAsync();
    }

    /// <summary>Rows in the API's order: by asset id in byte order, each asset's rows as given (by effective_at).</summary>
    private static (string, string)[] ByAsset(params (string Asset, string Status)[] rows) =>
        rows.OrderBy(r => r.Asset, StringComparer.Ordinal).ToArray();

    private static (string, string)[] Entries(JsonElement page) =>
        page.GetProperty("statuses").EnumerateArray()
            .Select(s => (s.GetProperty("asset_id").GetString()!, s.GetProperty("status").GetString()!)).ToArray();
}
