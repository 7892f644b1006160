using System.Net;
using System.Text.Json;
using AssetService.Tests.Support;

namespace AssetService.Tests.Assets;

public sealed class AssetActionsApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly HttpClient client = api.Client;

    private Task<JsonElement> Act(string id, string action, int status) =>
        client.PostAsync($"/api/v1/assets/{id}/actions/{action}", null).ExpectAsync(status);

    [Fact]
    public async Task An_asset_walks_the_whole_lifecycle_and_go_live_sets_todays_date()
    {
        var id = await AssetApi.CreateAsync(client);
        Assert.Equal("COMMISSIONING", (await Act(id, "commission", 200)).GetProperty("lifecycle").GetString());
        var live = await Act(id, "go-live", 200);
        Assert.Equal("LIVE", live.GetProperty("lifecycle").GetString());
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"), live.GetProperty("go_live_date").GetString());
        Assert.Equal("SUSPENDED", (await Act(id, "suspend", 200)).GetProperty("lifecycle").GetString());
        Assert.Equal("LIVE", (await Act(id, "resume", 200)).GetProperty("lifecycle").GetString());
        Assert.Equal("DECOMMISSIONED", (await Act(id, "decommission", 200)).GetProperty("lifecycle").GetString());
        await client.DeleteAsync($"/api/v1/assets/{id}").ExpectAsync(204);
    }

    [Fact]
    public async Task Go_live_keeps_a_go_live_date_that_was_set_before()
    {
        var id = await AssetApi.CreateAsync(client);
        await client.PatchJsonAsync($"/api/v1/assets/{id}", """{"go_live_date": "2027-01-15"}""").ExpectAsync(200);
        await Act(id, "commission", 200);
        Assert.Equal("2027-01-15", (await Act(id, "go-live", 200)).GetProperty("go_live_date").GetString());
    }

    [Fact]
    public async Task A_wrong_transition_is_409_saying_what_was_expected()
    {
        var id = await AssetApi.CreateAsync(client);
        var conflict = await Act(id, "go-live", 409);
        Assert.Equal($"Cannot go-live asset {id}: lifecycle is DRAFT, expected COMMISSIONING", conflict.GetProperty("detail").GetString());
        await Act("DE_50HZ_NOPE_1", "commission", 404);
    }

    [Fact]
    public async Task Of_two_concurrent_commissions_exactly_one_succeeds()
    {
        var id = await AssetApi.CreateAsync(client);
        var responses = await Task.WhenAll(
            client.PostAsync($"/api/v1/assets/{id}/actions/commission", null),
            client.PostAsync($"/api/v1/assets/{id}/actions/commission", null));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
    }

    [Fact]
    public async Task An_action_takes_no_body_or_an_empty_object_and_refuses_any_other_without_moving()
    {
        var id = await AssetApi.CreateAsync(client);
        var field = await client.PostJsonAsync($"/api/v1/assets/{id}/actions/commission", """{"lifecycle": "LIVE"}""").ExpectAsync(422);
        Assert.Equal(["extra_forbidden"], field.Types());
        Assert.Equal(["json_invalid"], (await client.PostJsonAsync($"/api/v1/assets/{id}/actions/commission", "{}[]").ExpectAsync(422)).Types());
        Assert.Equal(["model_attributes_type"], (await client.PostJsonAsync($"/api/v1/assets/{id}/actions/commission", "[]").ExpectAsync(422)).Types());
        Assert.Equal("DRAFT", (await client.GetAsync($"/api/v1/assets/{id}").ExpectAsync(200)).GetProperty("lifecycle").GetString());
        await client.PostJsonAsync($"/api/v1/assets/{id}/actions/commission", "{}").ExpectAsync(200);
        await Act(id, "go-live", 200);
    }
}
