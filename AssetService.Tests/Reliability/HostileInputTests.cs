using System.Net.Http.Headers;
using System.Text.Json;
using AssetService.Functions;
using AssetService.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using AssetService.Functions.Http;

namespace AssetService.Tests.Reliability;

/// <summary>
/// Thousands of generated malformed and hostile requests against every route: none may cause a 5xx,
/// every 4xx says why in <c>detail</c>, and a rejected write leaves every table as it was.
/// </summary>
public sealed class HostileInputTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const int Requests = 10_000;

    // Hostile requests are outside the document on purpose: only their answers are checked against it.
    private readonly HttpClient hostile = HostileClient(api);

    private static HttpClient HostileClient(ApiFixture api)
    {
        var client = new HttpClient(new OpenApiValidatingHandler { ChecksRequests = false }) { BaseAddress = api.Client.BaseAddress };
        client.DefaultRequestHeaders.Add("x-functions-key", ApiFixture.Key);
        return client;
    }

    [Fact]
    public async Task Hostile_requests_never_cause_a_5xx_and_rejected_writes_change_nothing()
    {
        await SeedAsync();
        var routes = FunctionRoute.Discover(typeof(ServiceRegistration).Assembly);
        var checksum = await TableChecksum.OfAllTablesAsync(api.Db);
        var statuses = new Dictionary<int, int>();

        var property = Prop.ForAll(HostileRequests.For(routes).ToArbitrary(), request =>
        {
            var (status, body) = SendAsync(request).GetAwaiter().GetResult();
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            AssertAnswered(status, body, request.ToString());
            Assert.False(request.HasTrailingData && status < 300, $"Trailing data accepted with {status}: {request}");
            if (!request.IsWrite) return;
            var after = TableChecksum.OfAllTablesAsync(api.Db).GetAwaiter().GetResult();
            if (status >= 400) Assert.True(checksum == after, $"Rejected write {status} changed the tables: {request}");
            checksum = after;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Requests).WithQuietOnSuccess(true), property);

        Assert.Equal(Requests, statuses.Values.Sum());
        Assert.True(statuses.Where(s => s.Key is >= 400 and < 500).Sum(s => s.Value) > Requests / 2,
            "Most generated requests should be rejected: " + string.Join(", ", statuses.Select(s => $"{s.Key}x{s.Value}")));

        await ReadEverythingBackAsync(routes);
    }

    private static void AssertAnswered(int status, string body, string request)
    {
        Assert.True(status < 500, $"{status} for {request}: {body}");
        if (status < 400) return;
        using var json = JsonDocument.Parse(body);
        Assert.True(json.RootElement.TryGetProperty("detail", out _), $"{status} without detail for {request}: {body}");
    }

    /// <summary>
    /// Whatever the hostile writes stored must be readable: every GET over the widest window the service
    /// supports, for every asset, in window and in latest mode, answers without a 5xx; the period reads answer 200.
    /// </summary>
    private async Task ReadEverythingBackAsync(IReadOnlyList<FunctionRoute> routes)
    {
        var assets = (await api.Client.GetAsync("/api/v1/assets?limit=1000").ExpectAsync(200)).GetProperty("assets")
            .EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToArray();
        var ids = string.Join(",", assets);
        string[] queries =
        [
            $"?asset_ids={ids}&from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z&limit=1000",
            $"?asset_ids={ids}&from=2000-01-01T00:00:00Z&limit=1000",
            $"?asset_ids={ids}&latest=true&limit=1000",
            "?from=2099-12-01T00:00:00Z&to=2100-01-01T00:00:00Z",
        ];
        string[] periodReads = ["/api/v1/limits", "/api/v1/forecasts", "/api/v1/reservations", "/api/v1/state-snapshots", "/api/v1/dispatches"];
        foreach (var route in routes.Where(r => r.Methods.Contains("GET")))
        foreach (var path in PathsFor(route.Path, assets))
        foreach (var query in queries)
        {
            using var response = await hostile.GetAsync(path + query);
            var body = await response.Content.ReadAsStringAsync();
            AssertAnswered((int)response.StatusCode, body, $"GET {path}{query}");
            if (query == queries[0] && periodReads.Contains(path))
                Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} for the widest window of {path}: {body}");
        }
    }

    private static IEnumerable<string> PathsFor(string template, IReadOnlyList<string> assets)
    {
        if (!template.Contains('{')) return [template];
        return assets.Take(20).Select(asset => System.Text.RegularExpressions.Regex.Replace(template, "{[^}]+}", m => m.Value switch
        {
            "{asset_id}" => asset,
            "{site_id}" => "DE_50HZ_SEED_SITE_1",
            _ => "DE_50HZ_SEED_SITE_1_INV_1",
        }));
    }

    [Fact]
    public void Accepted_names_are_stored_and_returned_byte_for_byte()
    {
        var names = ArbMap.Default.GeneratorFor<string>()
            .Select(s => s.Replace("\0", "").Trim())
            .Where(s => s.Length is > 0 and <= 200 && !s.Any(char.IsSurrogate));
        var unicode = Gen.Elements("Wustermark ⚡", "Łódź Północ", "Grüne Wiese — Süd", "'; DROP TABLE assets; --", "\"quoted\" \\ back",
            "עברית", "🔋🔋🔋", "e\u0301", "tab\tinside", "{\"json\": true}");
        Prop.ForAll(Gen.OneOf(names, unicode).ToArbitrary(), name =>
        {
            var created = api.Client.PostJsonAsync("/api/v1/assets", JsonSerializer.Serialize(new
            {
                code = "BYTES", name, type = "BESS", region = "DE", delivery_area = "50HZ", provider = "EBX",
            })).ExpectAsync(201).GetAwaiter().GetResult();
            var id = created.GetProperty("id").GetString();
            var fetched = api.Client.GetAsync($"/api/v1/assets/{id}").ExpectAsync(200).GetAwaiter().GetResult();
            Assert.Equal(name, fetched.GetProperty("name").GetString());
        }).QuickCheckThrowOnFailure();
    }

    private async Task<(int Status, string Body)> SendAsync(HostileRequest request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Path + request.Query);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            // Lets the server refuse an oversized body (413) before the client sends it.
            message.Headers.ExpectContinue = true;
        }
        using var response = await hostile.SendAsync(message);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    // A live asset and a site that the generated paths and bodies name, so that some requests reach real rows.
    private async Task SeedAsync()
    {
        await api.Client.PostJsonAsync("/api/v1/assets", """{"code":"SEED","name":"Seed","type":"BESS","region":"DE","delivery_area":"50HZ","provider":"EBX"}""").ExpectAsync(201);
        await api.Client.PostJsonAsync("/api/v1/sites", """{"name":"Seed","code":"SEED","region":"DE","delivery_area":"50HZ","dispatch_mode":{"name":"OPTIMISED"}}""");
    }
}
