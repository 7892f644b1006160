using System.Net;
using System.Text.Json;
using AssetService.Tests.Support;

namespace AssetService.Tests.Assets;

public sealed class AssetsApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly HttpClient client = api.Client;

    private static string NewAsset(string code, string region = "DE", string area = "50HZ") => JsonSerializer.Serialize(new
    {
        code, name = "Wustermark", type = "BESS", region, delivery_area = area, provider = "EBX",
    });

    [Fact]
    public async Task Creating_an_asset_returns_201_with_generated_id_location_and_draft_state()
    {
        var code = Codes.Unique();
        var response = await client.PostJsonAsync("/api/v1/assets", NewAsset(code));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var asset = await response.JsonAsync();
        Assert.Equal($"DE_50HZ_{code}_1", asset.GetProperty("id").GetString());
        Assert.Equal($"/api/v1/assets/DE_50HZ_{code}_1", response.Headers.Location!.ToString());
        Assert.Equal("DRAFT", asset.GetProperty("lifecycle").GetString());
        Assert.Equal(JsonValueKind.Null, asset.GetProperty("go_live_date").ValueKind);
        Assert.EndsWith("Z", asset.GetProperty("created_at").GetString());
        Assert.Equal(["id", "code", "name", "type", "region", "delivery_area", "lifecycle", "provider", "go_live_date", "created_at", "updated_at"],
            asset.EnumerateObject().Select(p => p.Name).ToArray());
    }

    [Fact]
    public async Task Twenty_concurrent_creates_with_one_code_get_twenty_distinct_ids()
    {
        var code = Codes.Unique();
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.PostJsonAsync("/api/v1/assets", NewAsset(code))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.JsonAsync()).GetProperty("id").GetString()!));
        Assert.Equal(Enumerable.Range(1, 20).Select(n => $"DE_50HZ_{code}_{n}").Order(), ids.Order());
    }

    [Fact]
    public async Task A_deleted_id_is_never_reused()
    {
        var code = Codes.Unique();
        await client.PostJsonAsync("/api/v1/assets", NewAsset(code)).ExpectAsync(201);
        await client.DeleteAsync($"/api/v1/assets/DE_50HZ_{code}_1").ExpectAsync(204);
        var again = await client.PostJsonAsync("/api/v1/assets", NewAsset(code)).ExpectAsync(201);
        Assert.Equal($"DE_50HZ_{code}_2", again.GetProperty("id").GetString());
        await client.GetAsync($"/api/v1/assets/DE_50HZ_{code}_1").ExpectAsync(404);
    }

    [Fact]
    public async Task Get_returns_the_asset_and_404_names_an_unknown_one()
    {
        var id = await AssetApi.CreateAsync(client);
        var asset = await client.GetAsync($"/api/v1/assets/{id}").ExpectAsync(200);
        Assert.Equal(id, asset.GetProperty("id").GetString());
        var missing = await client.GetAsync("/api/v1/assets/DE_50HZ_NOPE_1").ExpectAsync(404);
        Assert.Contains("DE_50HZ_NOPE_1", missing.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task List_filters_by_all_five_fields_orders_by_id_and_echoes_paging()
    {
        var code = Codes.Unique();
        await client.PostJsonAsync("/api/v1/assets", JsonSerializer.Serialize(new
        {
            code, name = "Poznan", type = "PV", region = "PL", delivery_area = "PSE", provider = "NFT",
        })).ExpectAsync(201);
        await client.PostJsonAsync("/api/v1/assets", JsonSerializer.Serialize(new
        {
            code, name = "Poznan 2", type = "PV", region = "PL", delivery_area = "PSE", provider = "NFT",
        })).ExpectAsync(201);
        var list = await client.GetAsync("/api/v1/assets?type=PV&region=PL&lifecycle=DRAFT&delivery_area=PSE&provider=NFT&limit=1000").ExpectAsync(200);
        var ids = list.GetProperty("assets").EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToArray();
        Assert.Contains($"PL_PSE_{code}_1", ids);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.All(list.GetProperty("assets").EnumerateArray(), a => Assert.Equal("NFT", a.GetProperty("provider").GetString()));
        Assert.Equal(1000, list.GetProperty("limit").GetInt32());

        var none = await client.GetAsync("/api/v1/assets?type=PV&region=DE&provider=NFT&delivery_area=PSE").ExpectAsync(200);
        Assert.Empty(none.GetProperty("assets").EnumerateArray());

        var second = await client.GetAsync("/api/v1/assets?type=PV&provider=NFT&limit=1&offset=1").ExpectAsync(200);
        Assert.Equal(1, second.GetProperty("offset").GetInt32());
        Assert.Single(second.GetProperty("assets").EnumerateArray());
    }

    [Fact]
    public async Task List_rejects_an_unknown_enum_and_a_limit_out_of_range_naming_each_parameter()
    {
        var problem = await client.GetAsync("/api/v1/assets?type=DIESEL&limit=0&offset=-1").ExpectAsync(422);
        Assert.Equal(["query.type", "query.limit", "query.offset"], problem.Locs());
    }

    [Fact]
    public async Task Patch_applies_present_fields_clears_go_live_date_with_null_and_keeps_the_rest()
    {
        var id = await AssetApi.CreateAsync(client);
        var patched = await client.PatchJsonAsync($"/api/v1/assets/{id}", """{"name": "  Renamed  ", "go_live_date": "2026-12-01"}""").ExpectAsync(200);
        Assert.Equal("Renamed", patched.GetProperty("name").GetString());
        Assert.Equal("2026-12-01", patched.GetProperty("go_live_date").GetString());
        Assert.Equal("BESS", patched.GetProperty("type").GetString());

        var cleared = await client.PatchJsonAsync($"/api/v1/assets/{id}", """{"go_live_date": null, "provider": "NFT"}""").ExpectAsync(200);
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("go_live_date").ValueKind);
        Assert.Equal("NFT", cleared.GetProperty("provider").GetString());
        Assert.Equal("Renamed", cleared.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Patch_refuses_lifecycle_immutable_fields_and_null_names_listing_each()
    {
        var id = await AssetApi.CreateAsync(client);
        var problem = await client.PatchJsonAsync($"/api/v1/assets/{id}",
            """{"lifecycle": "LIVE", "code": "X", "region": "PL", "name": null, "type": "NOPE"}""").ExpectAsync(422);
        Assert.Equal(["body.lifecycle", "body.code", "body.region", "body.name", "body.type"], problem.Locs());
        var unchanged = await client.GetAsync($"/api/v1/assets/{id}").ExpectAsync(200);
        Assert.Equal("DRAFT", unchanged.GetProperty("lifecycle").GetString());
    }

    [Fact]
    public async Task Patch_of_an_unknown_asset_is_404()
    {
        await client.PatchJsonAsync("/api/v1/assets/DE_50HZ_NOPE_9", """{"name": "x"}""").ExpectAsync(404);
    }

    [Fact]
    public async Task Create_names_every_problem_missing_field_bad_enum_extra_field_and_area_mismatch()
    {
        var problem = await client.PostJsonAsync("/api/v1/assets",
            """{"code": "wu", "type": "DIESEL", "region": "PL", "delivery_area": "50HZ", "provider": "EBX", "colour": "red"}""").ExpectAsync(422);
        Assert.Equal(["body.code", "body.name", "body.type", "body.delivery_area", "body.colour"], problem.Locs());
        Assert.Equal(["string_pattern_mismatch", "missing", "enum", "value_error", "extra_forbidden"], problem.Types());
    }

    [Fact]
    public async Task Malformed_json_is_422_json_invalid()
    {
        var problem = await client.PostJsonAsync("/api/v1/assets", """{"code": "WU", """).ExpectAsync(422);
        Assert.Equal(["json_invalid"], problem.Types());
        var notAnObject = await client.PostJsonAsync("/api/v1/assets", "[1, 2]").ExpectAsync(422);
        Assert.Equal(["model_attributes_type"], notAnObject.Types());
    }

    [Fact]
    public async Task A_body_over_ten_mebibytes_is_413()
    {
        var huge = "{\"name\": \"" + new string('x', 11 * 1024 * 1024) + "\"}";
        // Expect: 100-continue lets the server refuse on the declared length before the body is sent.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/assets") { Content = new StringContent(huge) };
        request.Headers.ExpectContinue = true;
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Deleting_a_live_asset_is_409_and_keeps_it()
    {
        var id = await AssetApi.CreateLiveAsync(client);
        var conflict = await client.DeleteAsync($"/api/v1/assets/{id}").ExpectAsync(409);
        Assert.Contains("LIVE", conflict.GetProperty("detail").GetString());
        await client.GetAsync($"/api/v1/assets/{id}").ExpectAsync(200);
        await client.DeleteAsync("/api/v1/assets/DE_50HZ_NOPE_3").ExpectAsync(404);
    }

    [Fact]
    public async Task Status_of_an_asset_without_events_is_the_unknown_entry()
    {
        var id = await AssetApi.CreateAsync(client);
        var status = await client.GetAsync($"/api/v1/assets/{id}/status").ExpectAsync(200);
        Assert.Equal(id, status.GetProperty("asset_id").GetString());
        Assert.Equal("UNKNOWN", status.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("effective_at").ValueKind);
        Assert.Empty(status.GetProperty("reasons").EnumerateArray());
        await client.GetAsync("/api/v1/assets/DE_50HZ_NOPE_1/status").ExpectAsync(404);
    }
}
