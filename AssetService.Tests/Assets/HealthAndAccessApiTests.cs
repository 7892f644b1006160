using System.Net;
using AssetService.Tests.Support;

namespace AssetService.Tests.Assets;

public sealed class HealthAndAccessApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Health_is_anonymous_and_reports_the_database()
    {
        var health = await api.Anonymous.GetAsync("/api/health").ExpectAsync(200);
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal("ok", health.GetProperty("database").GetString());
    }

    [Fact]
    public async Task Api_routes_answer_401_without_a_key_or_with_a_wrong_one()
    {
        var missing = await api.Anonymous.GetAsync("/api/v1/assets").ExpectAsync(401);
        Assert.Contains("key", missing.GetProperty("detail").GetString());
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/assets");
        request.Headers.Add("x-functions-key", "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Anonymous.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task The_key_may_come_as_the_code_query_parameter()
    {
        await api.Anonymous.GetAsync($"/api/v1/assets?code={ApiFixture.Key}").ExpectAsync(200);
    }

    [Fact]
    public async Task An_unknown_route_is_404_with_a_detail()
    {
        var missing = await api.Client.GetAsync("/api/v1/nothing-here").ExpectAsync(404);
        Assert.Equal("Not Found", missing.GetProperty("detail").GetString());
    }
}
