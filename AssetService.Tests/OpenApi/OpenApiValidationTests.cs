using System.Net;
using System.Text;
using System.Text.Json;
using AssetService.Tests.Support;

namespace AssetService.Tests.OpenApi;

/// <summary>The response check catches drift: every integration test's responses go through it.</summary>
public sealed class OpenApiValidationTests
{
    private static readonly OpenApiContract Document = OpenApiContract.Instance;

    private const string Asset = """
        {"id": "DE_50HZ_WU_1", "code": "WU", "name": "Wustermark", "type": "BESS", "region": "DE", "delivery_area": "50HZ",
         "lifecycle": "DRAFT", "provider": "EBX", "go_live_date": null,
         "created_at": "2026-03-02T09:30:00.123456Z", "updated_at": "2026-03-02T09:30:00Z"}
        """;

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;

    private static string Edit(string json, Action<System.Text.Json.Nodes.JsonObject> edit)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        edit(node);
        return node.ToJsonString();
    }

    [Fact]
    public void A_conforming_asset_passes() => Assert.Empty(Document.ValidateComponent("AssetResponse", Parse(Asset)));

    [Theory]
    [InlineData("a missing field", "remove:go_live_date", "\"go_live_date\"")]
    [InlineData("an undocumented field", "add:is_live", "/is_live")]
    [InlineData("a timestamp not in UTC", "created_at:2026-03-02T10:30:00+01:00", "/created_at")]
    [InlineData("a value outside the enum", "lifecycle:ACTIVE", "/lifecycle")]
    [InlineData("a date in another format", "go_live_date:01.04.2026", "/go_live_date")]
    public void A_drifted_asset_fails_and_names_the_field(string drift, string change, string where)
    {
        var json = Edit(Asset, node =>
        {
            var (op, value) = (change.Split(':', 2)[0], change.Split(':', 2)[1]);
            if (op == "remove") node.Remove(value);
            else if (op == "add") node[value] = true;
            else node[op] = value;
        });
        var problems = Document.ValidateComponent("AssetResponse", Parse(json));
        Assert.True(problems.Any(p => p.Contains(where)), $"{drift} was not reported at {where}: {string.Join("; ", problems)}");
    }

    [Fact]
    public void A_number_where_the_document_says_decimal_string_fails()
    {
        Assert.Empty(Document.ValidateComponent("PowerQuantity", Parse("""{"value": "9.5", "unit": "MW"}""")));
        Assert.NotEmpty(Document.ValidateComponent("PowerQuantity", Parse("""{"value": 9.5, "unit": "MW"}""")));
        Assert.NotEmpty(Document.ValidateComponent("PowerQuantity", Parse("""{"value": "9.5", "unit": "kW"}""")));
    }

    [Fact]
    public void A_site_list_item_is_one_schema_with_or_without_inverters()
    {
        const string site = """
            {"id": "DE_AMPN_IMMST_SITE_1", "name": "Immenstadt", "code": "IMMST", "region": "DE", "delivery_area": "AMPN",
             "dispatch_mode": {"name": "OPTIMISED", "floor_price": null, "strike_price": null},
             "created_at": "2026-02-11T08:00:00Z", "updated_at": "2026-02-11T08:00:00Z"}
            """;
        // One schema, not a oneOf: generators (Kiota) cannot pick a oneOf branch without a discriminator.
        Assert.Empty(Document.ValidateComponent("SiteListItem", Parse(site)));
        Assert.Empty(Document.ValidateComponent("SiteListItem", Parse(Edit(site, n => n["inverters"] = new System.Text.Json.Nodes.JsonArray()))));
        Assert.NotEmpty(Document.ValidateComponent("SiteListItem", Parse(Edit(site, n => n["inverters"] = null))));
        Assert.NotEmpty(Document.ValidateComponent("SiteListItem", Parse(Edit(site, n => n.Remove("dispatch_mode")))));
        Assert.NotEmpty(Document.ValidateComponent("Site", Parse(site)));
        var items = Document.Document["components"]!["schemas"]!["SiteListResponse"]!["properties"]!["sites"]!["items"]!;
        Assert.Equal("#/components/schemas/SiteListItem", (string)items["$ref"]!);
    }

    [Fact]
    public void A_period_row_off_the_quarter_hour_fails()
    {
        const string row = """
            {"asset_id": "DE_50HZ_WU_1", "start_time": "2026-04-01T10:00:00Z", "end_time": "2026-04-01T10:15:00Z", "delivery_day": "2026-04-01",
             "generation": 1.5, "consumption": 0, "created_at": "2026-04-01T09:00:00Z", "updated_at": "2026-04-01T09:00:00Z"}
            """;
        Assert.Empty(Document.ValidateComponent("Forecast", Parse(row)));
        Assert.NotEmpty(Document.ValidateComponent("Forecast", Parse(row.Replace("10:15:00Z", "10:20:00Z"))));
    }

    [Fact]
    public async Task The_handler_fails_a_request_whose_response_drifts_and_lists_the_problems()
    {
        var body = Edit(Asset, n => { n.Remove("updated_at"); n["lifecycle"] = "ACTIVE"; });
        using var client = Client(HttpStatusCode.OK, body);
        var error = await Assert.ThrowsAsync<OpenApiDriftException>(() => client.GetAsync("/api/v1/assets/DE_50HZ_WU_1"));
        Assert.Contains("GetAsset", error.Message);
        Assert.Contains("updated_at", error.Message);
        Assert.Contains("/lifecycle", error.Message);
    }

    [Fact]
    public async Task The_handler_passes_a_conforming_response()
    {
        using var client = Client(HttpStatusCode.OK, Asset);
        var response = await client.GetAsync("/api/v1/assets/DE_50HZ_WU_1");
        Assert.Equal("DE_50HZ_WU_1", (await response.JsonAsync()).GetProperty("id").GetString());
    }

    [Theory]
    [InlineData(HttpStatusCode.Conflict, """{"detail": "no"}""", "status 409 is not documented")]
    [InlineData(HttpStatusCode.NotFound, """{"detail": ["no"]}""", "/detail")]
    [InlineData(HttpStatusCode.ServiceUnavailable, """{"detail": "down"}""", "Retry-After")]
    public async Task The_handler_fails_undocumented_statuses_shapes_and_missing_headers(HttpStatusCode status, string body, string problem)
    {
        using var client = Client(status, body);
        var error = await Assert.ThrowsAsync<OpenApiDriftException>(() => client.GetAsync("/api/v1/assets/DE_50HZ_WU_1"));
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public async Task The_handler_fails_an_undocumented_route_that_answers()
    {
        using var client = Client(HttpStatusCode.OK, "{}");
        var error = await Assert.ThrowsAsync<OpenApiDriftException>(() => client.GetAsync("/api/v1/not-documented"));
        Assert.Contains("not in the document", error.Message);
    }

    [Fact]
    public async Task The_handler_fails_an_accepted_request_with_a_body_field_the_document_does_not_declare()
    {
        using var client = Client(HttpStatusCode.OK, Asset);
        var error = await Assert.ThrowsAsync<OpenApiDriftException>(() =>
            client.PatchJsonAsync("/api/v1/assets/DE_50HZ_WU_1", """{"name": "Wustermark 2", "colour": "red"}"""));
        Assert.Contains("request body", error.Message);
        Assert.Contains("colour", error.Message);
    }

    [Theory]
    [InlineData("/api/v1/assets?colour=red", "query parameter 'colour' is not documented")]
    [InlineData("/api/v1/assets?limit=5000", "query parameter 'limit' value '5000'")]
    [InlineData("/api/v1/assets?lifecycle=ACTIVE", "query parameter 'lifecycle' value 'ACTIVE'")]
    public async Task The_handler_fails_an_accepted_request_with_a_query_the_document_does_not_allow(string url, string problem)
    {
        using var client = Client(HttpStatusCode.OK, """{"assets": [], "limit": 50, "offset": 0}""");
        var error = await Assert.ThrowsAsync<OpenApiDriftException>(() => client.GetAsync(url));
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public async Task The_handler_fails_an_accepted_request_without_a_parameter_the_document_requires()
    {
        using var client = Client(HttpStatusCode.OK, """{"limits": [], "limit": 50, "offset": 0}""");
        var error = await Assert.ThrowsAsync<OpenApiDriftException>(() => client.GetAsync("/api/v1/limits?from=2026-04-01T00:00:00Z&to=2026-04-02T00:00:00Z"));
        Assert.Contains("required query parameter 'asset_ids' is missing", error.Message);
    }

    [Fact]
    public async Task The_handler_does_not_check_requests_the_service_refused()
    {
        using var client = Client(HttpStatusCode.UnprocessableEntity,
            """{"detail": [{"type": "extra_forbidden", "loc": ["body", "colour"], "msg": "Extra inputs are not permitted"}]}""");
        var response = await client.PatchJsonAsync("/api/v1/assets/DE_50HZ_WU_1", """{"colour": "red"}""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    private static HttpClient Client(HttpStatusCode status, string body) =>
        new(new OpenApiValidatingHandler(new FixedResponse(status, body))) { BaseAddress = new Uri("http://127.0.0.1:9/") };

    private sealed class FixedResponse(HttpStatusCode status, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }
}
