using System.Net;
using System.Text;
using AssetService.Functions;
using AssetService.Functions.Auth;
using AssetService.Tests.Support;
using AssetService.Functions.Http;

namespace AssetService.Tests.Reliability;

public sealed class AccessTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly IReadOnlyList<FunctionRoute> Routes = FunctionRoute.Discover(typeof(ServiceRegistration).Assembly);

    private static IEnumerable<(FunctionRoute Route, string Method, string Url)> ApiRoutes() =>
        from route in Routes
        where route.Path.StartsWith("/api/v1/", StringComparison.Ordinal)
        from method in route.Methods
        select (route, method, System.Text.RegularExpressions.Regex.Replace(route.Path, "{[^}]+}", "DE_50HZ_X_1"));

    [Fact]
    public void Every_api_v1_route_requires_a_role() =>
        Assert.All(ApiRoutes(), r => Assert.NotNull(r.Route.Access.Required));

    [Fact]
    public async Task Every_api_v1_route_answers_401_without_a_key_and_with_a_wrong_one()
    {
        foreach (var (_, method, url) in ApiRoutes())
        {
            foreach (var key in new[] { null, "wrong", ApiFixture.Key + "x", ApiFixture.Key[..^1] })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (key is not null) request.Headers.Add("x-functions-key", key);
                using var response = await api.Anonymous.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {url} with key '{key}' gave {(int)response.StatusCode}");
                Assert.Contains("\"detail\"", await response.Content.ReadAsStringAsync());
                Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
            }
        }
    }

    [Fact]
    public void The_key_check_accepts_only_the_exact_key()
    {
        var key = new FunctionKey("s3cret-key");
        Assert.True(key.Matches("s3cret-key"));
        Assert.False(key.Matches("s3cret-kez"));
        Assert.False(key.Matches("s3cret-key "));
        Assert.False(key.Matches("s3cret"));
        Assert.False(key.Matches(""));
    }

    [Fact]
    public void A_key_known_only_by_its_digest_accepts_that_key_and_a_malformed_digest_stops_start_up()
    {
        // printf %s s3cret-key | sha256sum
        var key = FunctionKey.FromDigest(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("s3cret-key"))).ToLowerInvariant());
        Assert.True(key.Matches("s3cret-key"));
        Assert.False(key.Matches("s3cret-kez"));
        Assert.False(FunctionKey.None.Matches(""));
        Assert.Throws<InvalidOperationException>(() => FunctionKey.FromDigest("abc"));
        Assert.Throws<InvalidOperationException>(() => FunctionKey.FromDigest(new string('g', 64)));
    }

    [Fact]
    public async Task Every_body_over_ten_mebibytes_is_refused_with_413_before_it_is_read()
    {
        var oversized = new byte[10 * 1024 * 1024 + 1];
        Array.Fill(oversized, (byte)' ');
        foreach (var (route, method, url) in ApiRoutes().Where(r => r.Method is "PUT" or "PATCH" || (r.Method == "POST" && !r.Url.Contains("/actions/"))))
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new ByteArrayContent(oversized) };
            request.Headers.ExpectContinue = true;
            using var response = await api.Client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{method} {route.Path} gave {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Logs_never_hold_the_key_the_connection_string_or_a_request_body()
    {
        const string marker = "BODY-MARKER-7d1f";
        await api.Client.PostJsonAsync("/api/v1/assets", $$"""{"code":"LOG","name":"{{marker}}","type":"BESS","region":"DE","delivery_area":"50HZ","provider":"EBX"}""");
        await api.Client.PostJsonAsync("/api/v1/assets", $$"""{"code":"{{marker}}","name":"x"}""");
        await api.Client.PostJsonAsync("/api/v1/assets", $$"""{"code": "{{marker}}" """);
        await api.Anonymous.GetAsync($"/api/v1/assets?code={ApiFixture.Key}");
        await api.Anonymous.GetAsync("/api/v1/assets?code=wrong-key-marker");
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes($$"""{"code":"{{marker}}","name":"\u0000"}"""));
        await api.Client.PostAsync("/api/v1/assets", content);

        var logs = api.Logs.Text;
        Assert.NotEmpty(api.Logs.Lines);
        Assert.DoesNotContain(ApiFixture.Key, logs);
        Assert.DoesNotContain("wrong-key-marker", logs);
        Assert.DoesNotContain(marker, logs);
        Assert.DoesNotContain(TestDatabase.ConnectionStringFor(api.Database), logs);
        Assert.DoesNotContain("Username=", logs);
    }
}
