using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AssetService.Core.Common;
using AssetService.Functions;
using AssetService.Functions.Auth;
using AssetService.LocalHost;
using AssetService.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;
using AssetService.Functions.Http;

namespace AssetService.Tests.Auth;

/// <summary>Tokens that must not get in, and the few edges that must.</summary>
public sealed class BearerTokenTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly DevTokens Tokens = ApiFixture.Tokens;
    private static readonly string[] Admin = [Role.Admin.ClaimValue()];

    private static string Token(DateTimeOffset notBefore, DateTimeOffset expires, string issuer = DevTokens.Issuer,
        string audience = DevTokens.Audience, SigningCredentials? signing = null) => Tokens.Mint(new SecurityTokenDescriptor
    {
        Issuer = issuer,
        Audience = audience,
        IssuedAt = notBefore.UtcDateTime,
        NotBefore = notBefore.UtcDateTime,
        Expires = expires.UtcDateTime,
        Claims = DevTokens.Claims("an-oid", Admin),
        SigningCredentials = signing,
    });

    public static TheoryData<string, string> InvalidTokens()
    {
        var now = DateTimeOffset.UtcNow;
        var otherKey = new RsaSecurityKey(RSA.Create(2048)) { KeyId = Tokens.SigningKey.KeyId }; // same kid, other key
        var hmac = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = Tokens.SigningKey.KeyId };
        var valid = Token(now.AddMinutes(-1), now.AddHours(1));
        var parts = valid.Split('.');
        var unsigned = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""") + "." + parts[1] + ".";
        return new TheoryData<string, string>
        {
            { "expired beyond the skew", Token(now.AddHours(-3), now.AddHours(-1)) },
            // Far beyond the skew: theory data is made at discovery, minutes before a loaded run reaches it.
            { "not yet valid beyond the skew", Token(now.AddHours(1), now.AddHours(2)) },
            { "wrong issuer", Token(now, now.AddHours(1), issuer: "https://login.microsoftonline.com/other/v2.0") },
            { "wrong audience", Token(now, now.AddHours(1), audience: "api://some-other-api") },
            { "signed by another key", Token(now, now.AddHours(1), signing: new SigningCredentials(otherKey, SecurityAlgorithms.RsaSha256)) },
            { "payload changed after signing", parts[0] + "." + Base64UrlEncoder.Encode("""{"iss":"https://localhost/asset-service-dev","aud":"api://asset-service-dev","oid":"x","roles":["AssetService.Admin"],"exp":9999999999}""") + "." + parts[2] },
            { "alg none", unsigned },
            { "HS256", Token(now, now.AddHours(1), signing: new SigningCredentials(hmac, SecurityAlgorithms.HmacSha256)) },
            { "not a JWT", "not-a-token" },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidTokens))]
    public async Task An_invalid_token_gets_401_with_a_bearer_challenge_on_every_route(string why, string token)
    {
        foreach (var route in FunctionRoute.Discover(typeof(ServiceRegistration).Assembly).Where(r => r.Access.Required is not null))
        {
            using var request = new HttpRequestMessage(new HttpMethod(route.Methods.Single()), Regex.Replace(route.Path, "{[^}]+}", "DE_50HZ_X_1"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await api.Anonymous.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{why}: {route.Methods.Single()} {route.Path} gave {(int)response.StatusCode} {body}");
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
            Assert.StartsWith("""{"detail":"Invalid bearer token: """, body);
        }
    }

    [Fact]
    public async Task Clock_skew_of_up_to_five_minutes_is_tolerated()
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var token in new[] { Token(now.AddHours(-1), now.AddMinutes(-4)), Token(now.AddMinutes(4), now.AddHours(1)) })
            await Get("/api/v1/assets", token).ExpectAsync(200);
    }

    [Fact]
    public async Task A_wrong_key_is_refused_even_beside_a_valid_token()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/assets");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Mint(DateTimeOffset.UtcNow, "oid", Admin));
        request.Headers.Add("x-functions-key", "wrong");
        using var response = await api.Anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Without_an_issuer_configured_tokens_are_refused_and_keys_still_work()
    {
        var check = new AccessCheck(new FunctionKey("k"), BearerTokens.From(new ConfigurationBuilder().Build()));
        var withToken = Context($"Bearer {Tokens.Mint(DateTimeOffset.UtcNow, "oid", Admin)}");
        var refusal = await check.RefuseAsync(new Access(Role.Read), withToken);
        Assert.Equal(401, refusal!.StatusCode);
        Assert.Contains("no token issuer is configured", refusal.Body!.ToString());

        var withKey = Context(null);
        withKey.Request.Headers["x-functions-key"] = "k";
        Assert.Null(await check.RefuseAsync(new Access(Role.Admin), withKey));
        Assert.Equal(new Caller(Author.FunctionKey, Role.Admin), Caller.Of(withKey.Request));
    }

    [Fact]
    public async Task The_author_is_the_tokens_oid_else_its_sub()
    {
        var check = new AccessCheck(FunctionKey.None, BearerTokens.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ASSET_SERVICE_JWT_ISSUER"] = DevTokens.Issuer,
            ["ASSET_SERVICE_JWT_AUDIENCE"] = DevTokens.Audience,
            ["ASSET_SERVICE_JWT_JWKS_FILE"] = api.App.Configuration["ASSET_SERVICE_JWT_JWKS_FILE"],
        }).Build()));
        var now = DateTimeOffset.UtcNow;
        var withOid = Context($"Bearer {Tokens.Mint(now, "the-oid", Role.Write.ClaimValue())}");
        Assert.Null(await check.RefuseAsync(new Access(Role.Write), withOid));
        Assert.Equal(new Caller(new Author("the-oid"), Role.Write), Caller.Of(withOid.Request));

        var subOnly = Context($"Bearer {Tokens.Mint(now, null, Role.Read.ClaimValue())}");
        Assert.Null(await check.RefuseAsync(new Access(Role.Read), subOnly));
        Assert.Equal(new Author("dev-subject"), Caller.Of(subOnly.Request).Author);
    }

    [Fact]
    public void A_jwks_of_symmetric_keys_is_refused_at_start_up() =>
        Assert.Throws<InvalidOperationException>(() => BearerTokens.AsymmetricKeys("""{"keys":[{"kty":"oct","k":"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0"}]}""", "test"));

    private Task<HttpResponseMessage> Get(string url, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return api.Anonymous.SendAsync(request);
    }

    private static DefaultHttpContext Context(string? authorization)
    {
        var context = new DefaultHttpContext();
        if (authorization is not null) context.Request.Headers.Authorization = authorization;
        return context;
    }
}
