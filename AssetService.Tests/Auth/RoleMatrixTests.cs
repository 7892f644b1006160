using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using AssetService.Functions;
using AssetService.Functions.Auth;
using AssetService.Tests.Support;
using AssetService.Functions.Http;

namespace AssetService.Tests.Auth;

/// <summary>
/// Read, Write and Admin tokens against every route (enumerated from the function declarations) over HTTP:
/// 403 naming the role where the token's role is too small, past the access check where it suffices.
/// </summary>
public sealed class RoleMatrixTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly IReadOnlyList<FunctionRoute> Routes = FunctionRoute.Discover(typeof(ServiceRegistration).Assembly);

    private static string Url(FunctionRoute route) => Regex.Replace(route.Path, "{[^}]+}", "DE_50HZ_X_1");

    private async Task<HttpResponseMessage> SendAsync(string method, string url, string? token)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await api.Anonymous.SendAsync(request); // every answer is validated against the OpenAPI document
    }

    [Fact]
    public async Task Each_role_reaches_exactly_the_routes_it_covers()
    {
        var failures = new List<string>();
        var now = DateTimeOffset.UtcNow;
        foreach (var held in new[] { Role.None, Role.Read, Role.Write, Role.Admin })
        {
            var token = ApiFixture.Tokens.Mint(now, Guid.NewGuid().ToString(), held == Role.None ? [] : [held.ClaimValue()]);
            foreach (var route in Routes.Where(r => r.Access.Required is not null))
            {
                var required = route.Access.Required!.Value;
                using var response = await SendAsync(route.Methods.Single(), Url(route), token);
                var body = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;
                var what = $"{held} token, {route.Methods.Single()} {route.Path}: {status} {body}";
                if (held < required && (status != 403 || !body.Contains(required.ClaimValue()))) failures.Add(what + $" (expected 403 naming {required.ClaimValue()})");
                if (held >= required && status is 401 or 403) failures.Add(what + " (expected to pass the access check)");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Write_token_writes_limits_and_is_refused_creating_an_asset()
    {
        var write = ApiFixture.Tokens.Mint(DateTimeOffset.UtcNow, "writer-oid", Role.Write.ClaimValue());
        using var create = await SendAsync("POST", "/api/v1/assets", write);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal("""{"detail":"This operation needs the role AssetService.Admin; the token grants AssetService.Write"}""", await create.Content.ReadAsStringAsync());

        var id = await AssetApi.CreateAsync(api.Client);
        using var request = new HttpRequestMessage(HttpMethod.Patch, "/api/v1/limits")
        {
            Content = new StringContent(PeriodDataApi.Batch("limits", [PeriodDataApi.LimitEntry(id, "OPERATIONS", "2026-06-01", "\"power_discharge\": 5")]), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", write);
        using var written = await api.Anonymous.SendAsync(request);
        Assert.True(written.IsSuccessStatusCode, $"{(int)written.StatusCode} {await written.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task The_function_key_acts_as_admin_and_anonymous_routes_need_nothing()
    {
        foreach (var route in Routes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(route.Methods.Single()), route.Path == "/api/docs/{file}" ? "/api/docs/swagger-ui.css" : Url(route));
            if (route.Methods.Single() is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            var client = route.Access.Required is null ? api.Anonymous : api.Client;
            using var response = await client.SendAsync(request);
            Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{route.Methods.Single()} {route.Path}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task The_dev_queue_route_needs_admin()
    {
        var read = ApiFixture.Tokens.Mint(DateTimeOffset.UtcNow, "reader", Role.Write.ClaimValue());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/dev/queues/dispatches/messages") { Content = new StringContent("{}") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", read);
        using var response = await api.Anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("AssetService.Admin", await response.Content.ReadAsStringAsync());
    }
}
