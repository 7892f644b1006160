using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AssetService.Functions;
using AssetService.Functions.Auth;
using AssetService.Tests.Sites;
using AssetService.Tests.Support;
using static AssetService.Tests.Support.PeriodDataApi;
using AssetService.Functions.Http;

namespace AssetService.Tests.Auth;

/// <summary>
/// Contract 6.2/6.3: every write route, called with a token or the function key, shows its caller as the
/// <c>changed_by</c> of each change it made (the token's oid, else its sub, else <c>function-key</c>).
/// The ingestions' <c>service-bus</c> is held by ChangeFeedApiTests.
/// </summary>
public sealed class ChangeAuthorTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly IReadOnlyList<FunctionRoute> WriteRoutes =
        FunctionRoute.Discover(typeof(ServiceRegistration).Assembly).Where(r => r.Methods.Single() is not ("GET" or "HEAD")).ToArray();

    private static string Key(FunctionRoute route) => $"{route.Methods.Single()} {route.Route}";

    private const string Slot = """ "start_time": "2026-05-04T10:00:00Z", "end_time": "2026-05-04T10:15:00Z" """;

    /// <summary>One write per route: prepared with the key, then made once by the caller under test.</summary>
    private static readonly Dictionary<string, Func<HttpClient, AuthoredClient, Task>> Writes = new()
    {
        ["POST v1/assets"] = (_, by) => by.SendAsync(HttpMethod.Post, "/api/v1/assets", JsonSerializer.Serialize(new
        {
            code = Codes.Unique(), name = "Authored", type = "BESS", region = "DE", delivery_area = "50HZ", provider = "EBX",
        })),
        ["PATCH v1/assets/{asset_id}"] = async (key, by) =>
            await by.SendAsync(HttpMethod.Patch, $"/api/v1/assets/{await AssetApi.CreateAsync(key)}", """{"name": "Renamed"}"""),
        ["DELETE v1/assets/{asset_id}"] = async (key, by) =>
            await by.SendAsync(HttpMethod.Delete, $"/api/v1/assets/{await AssetApi.CreateAsync(key)}"),
        ["POST v1/assets/{asset_id}/actions/commission"] = async (key, by) =>
            await by.SendAsync(HttpMethod.Post, $"/api/v1/assets/{await AssetApi.CreateAsync(key)}/actions/commission"),
        ["POST v1/assets/{asset_id}/actions/go-live"] = async (key, by) =>
        {
            var id = await AssetApi.CreateAsync(key);
            await key.PostAsync($"/api/v1/assets/{id}/actions/commission", null).ExpectAsync(200);
            await by.SendAsync(HttpMethod.Post, $"/api/v1/assets/{id}/actions/go-live");
        },
        ["POST v1/assets/{asset_id}/actions/suspend"] = async (key, by) =>
            await by.SendAsync(HttpMethod.Post, $"/api/v1/assets/{await AssetApi.CreateLiveAsync(key)}/actions/suspend"),
        ["POST v1/assets/{asset_id}/actions/resume"] = async (key, by) =>
        {
            var id = await AssetApi.CreateLiveAsync(key);
            await key.PostAsync($"/api/v1/assets/{id}/actions/suspend", null).ExpectAsync(200);
            await by.SendAsync(HttpMethod.Post, $"/api/v1/assets/{id}/actions/resume");
        },
        ["POST v1/assets/{asset_id}/actions/decommission"] = async (key, by) =>
            await by.SendAsync(HttpMethod.Post, $"/api/v1/assets/{await AssetApi.CreateLiveAsync(key)}/actions/decommission"),
        ["PUT v1/specs"] = async (key, by) => await by.SendAsync(HttpMethod.Put, "/api/v1/specs",
            JsonSerializer.Serialize(new { asset_id = await AssetApi.CreateAsync(key), valid_from = "2026-01-01T00:00:00Z", ramp_rate = 0.5 })),
        ["PATCH v1/limits"] = async (key, by) => await by.SendAsync(HttpMethod.Patch, "/api/v1/limits",
            Batch("limits", [LimitEntry(await AssetApi.CreateAsync(key), "OPERATIONS", "2026-05-04", "\"power_charge\": -5", "12:00", "13:00")])),
        ["DELETE v1/limits"] = async (key, by) =>
        {
            var id = await AssetApi.CreateAsync(key);
            await key.PatchLimitsAsync(LimitEntry(id, "OPERATIONS", "2026-05-04", "\"power_charge\": -5", "12:00", "13:00")).ExpectAsync(200);
            await by.SendAsync(HttpMethod.Delete, $"/api/v1/limits?asset_id={id}&source=OPERATIONS&start_time=2026-05-04T12:00:00Z&end_time=2026-05-04T13:00:00Z");
        },
        ["PUT v1/forecasts"] = async (key, by) => await by.SendAsync(HttpMethod.Put, "/api/v1/forecasts",
            $$"""{"forecasts": [{"asset_id": "{{await AssetApi.CreateAsync(key)}}", {{Slot}}, "generation": 1.5, "consumption": 0}]}"""),
        ["PUT v1/reservations"] = async (key, by) => await by.SendAsync(HttpMethod.Put, "/api/v1/reservations",
            $$"""{"reservations": [{"asset_id": "{{await AssetApi.CreateAsync(key)}}", {{Slot}}, "power": -2, "market": "DAY_AHEAD", "source": "OPTIMISATION", "energy_change": -0.5, "energy_buffer_low": 0.5, "energy_buffer_high": 1}]}"""),
        ["POST v1/state-snapshots"] = async (key, by) => await by.SendAsync(HttpMethod.Post, "/api/v1/state-snapshots",
            $$"""{"state_snapshots": [{"asset_id": "{{await AssetApi.CreateAsync(key)}}", "effective_at": "2026-05-04T10:00:00Z", "stored_energy": 3.5}]}"""),
        ["POST v1/sites"] = (_, by) => by.SendAsync(HttpMethod.Post, "/api/v1/sites", JsonSerializer.Serialize(new
        {
            name = "Authored", code = Codes.Unique(), region = "DE", delivery_area = "50HZ", dispatch_mode = SiteApi.Manual,
        })),
        ["PATCH v1/sites/{site_id}"] = async (key, by) =>
            await by.SendAsync(HttpMethod.Patch, $"/api/v1/sites/{await SiteApi.CreateIdAsync(key)}", """{"name": "Renamed"}"""),
        ["DELETE v1/sites/{site_id}"] = async (key, by) =>
            await by.SendAsync(HttpMethod.Delete, $"/api/v1/sites/{await SiteApi.CreateIdAsync(key)}"),
        ["POST v1/sites/{site_id}/inverters"] = async (key, by) => await by.SendAsync(HttpMethod.Post,
            $"/api/v1/sites/{await SiteApi.CreateIdAsync(key)}/inverters", JsonSerializer.Serialize(new
            {
                rated_power = new { value = 2500, unit = "kW" }, charge_efficiency = 0.95, discharge_efficiency = 0.94,
                asset_ids = new[] { await AssetApi.CreateAsync(key) },
            })),
        ["PATCH v1/sites/{site_id}/inverters/{inverter_id}"] = async (key, by) =>
        {
            var site = await SiteApi.CreateIdAsync(key);
            var inverter = await SiteApi.AddInverterIdAsync(key, site, await AssetApi.CreateAsync(key));
            await by.SendAsync(HttpMethod.Patch, $"/api/v1/sites/{site}/inverters/{inverter}", """{"charge_efficiency": 0.9}""");
        },
        ["DELETE v1/sites/{site_id}/inverters/{inverter_id}"] = async (key, by) =>
        {
            var site = await SiteApi.CreateIdAsync(key);
            var inverter = await SiteApi.AddInverterIdAsync(key, site, await AssetApi.CreateAsync(key));
            await by.SendAsync(HttpMethod.Delete, $"/api/v1/sites/{site}/inverters/{inverter}");
        },
        ["PUT v1/sites/{site_id}/limits"] = async (key, by) => await by.SendAsync(HttpMethod.Put,
            $"/api/v1/sites/{await SiteApi.CreateIdAsync(key)}/limits", $$"""{"limits": [{ {{Slot}}, "import_power": 5}]}"""),
        ["PUT v1/sites/{site_id}/inverters/{inverter_id}/limits"] = async (key, by) =>
        {
            var site = await SiteApi.CreateIdAsync(key);
            var inverter = await SiteApi.AddInverterIdAsync(key, site, await AssetApi.CreateAsync(key));
            await by.SendAsync(HttpMethod.Put, $"/api/v1/sites/{site}/inverters/{inverter}/limits", $$"""{"limits": [{ {{Slot}}, "power_charge": -1}]}""");
        },
    };

    [Fact]
    public void Every_write_route_has_an_authored_write_here()
    {
        Assert.True(WriteRoutes.Count >= 22, $"found only {WriteRoutes.Count} write routes");
        Assert.Equal(WriteRoutes.Select(Key).Order(StringComparer.Ordinal), Writes.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("oid")]
    [InlineData("sub")]
    [InlineData("function-key")]
    public async Task Every_write_route_records_its_caller_as_changed_by(string credential)
    {
        var objectId = "oid-" + Guid.NewGuid().ToString("N");
        var failures = new List<string>();
        var by = new AuthoredClient(api);
        foreach (var route in WriteRoutes)
        {
            var role = route.Access.Required!.Value.ClaimValue();
            (by.Credential, var expected) = credential switch
            {
                "oid" => (Bearer(ApiFixture.Tokens.Mint(DateTimeOffset.UtcNow, objectId, role)), objectId),
                "sub" => (Bearer(ApiFixture.Tokens.Mint(DateTimeOffset.UtcNow, null, role)), "dev-subject"),
                _ => ((Action<HttpRequestMessage>)(r => r.Headers.Add("x-functions-key", ApiFixture.Key)), "function-key"),
            };
            await Writes[Key(route)](api.Client, by);
            var changes = by.TakeChanges();
            var authors = changes.Select(c => $"{c.Text("entity")} {c.Text("operation")} by {c.Text("changed_by")}").ToArray();
            if (authors.Length == 0 || changes.Any(c => c.Text("changed_by") != expected))
                failures.Add($"{Key(route)}: expected every change by {expected}, got [{string.Join(", ", authors)}]");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static Action<HttpRequestMessage> Bearer(string token) =>
        r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

    /// <summary>Sends as the caller under test and collects the changes of its writes, not those of the preparations.</summary>
    private sealed class AuthoredClient(ApiFixture api)
    {
        private const string Everything = "entities=assets,specs,limits,forecasts,reservations,state_snapshots,status,dispatches,sites,inverters,site_limits,inverter_limits";
        private readonly List<JsonElement> changes = [];
        private string? cursor;

        public Action<HttpRequestMessage> Credential { get; set; } = _ => { };

        public async Task SendAsync(HttpMethod method, string url, string? json = null)
        {
            await ChangesApi.SettleAsync(api.Db);
            (_, cursor) = await api.Client.ReadAllAsync(Everything, cursor, 1000);
            using var request = new HttpRequestMessage(method, url);
            if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            Credential(request);
            using var response = await api.Anonymous.SendAsync(request); // validated against the OpenAPI document
            Assert.True(response.IsSuccessStatusCode, $"{method} {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            await ChangesApi.SettleAsync(api.Db);
            (var made, cursor) = await api.Client.ReadAllAsync(Everything, cursor, 1000);
            changes.AddRange(made);
        }

        public List<JsonElement> TakeChanges()
        {
            var taken = changes.ToList();
            changes.Clear();
            return taken;
        }
    }
}
