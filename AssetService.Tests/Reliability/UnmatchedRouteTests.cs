using System.Net;
using AssetService.Tests.Support;

namespace AssetService.Tests.Reliability;

/// <summary>
/// Issue 24: what the Functions host and LocalHost answer where no operation matches. Both serve the catch-all
/// function (<c>UnmatchedRouteFunctions</c>), so a known path with another method and an unknown path are the same
/// <c>404 {"detail": "Not Found"}</c>; HEAD /api/health answers a probe with the status and no body. The host's side
/// was checked with /work/shared/tools/hostcheck (README, "What is proven where").
/// </summary>
public sealed class UnmatchedRouteTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("PUT", "/api/v1/assets/DE_50HZ_WU_1")]
    [InlineData("POST", "/api/v1/assets/DE_50HZ_WU_1")]
    [InlineData("DELETE", "/api/openapi.json")]
    [InlineData("GET", "/api/v1/nothing-here")]
    [InlineData("PATCH", "/api")]
    public async Task Another_method_or_no_route_at_all_is_404_not_found_in_json(string method, string path)
    {
        var response = await api.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"detail":"Not Found"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Head_health_is_200_with_no_body_and_needs_no_key()
    {
        var response = await api.Anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/health"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }
}
