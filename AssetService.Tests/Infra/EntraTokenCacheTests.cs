using AssetService.Core.Database;
using AssetService.Tests.Support;
using Azure.Core;

namespace AssetService.Tests.Infra;

/// <summary>The PostgreSQL password token is refreshed from its own expiry, and a failed refresh is survived while it can be.</summary>
public sealed class EntraTokenCacheTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_token_is_reused_until_five_minutes_before_its_expiry_then_refreshed()
    {
        var time = new ManualTime(Start);
        var credential = new ScriptedCredential(time, TimeSpan.FromMinutes(20));
        var cache = new EntraTokenCache(credential, time, new LogCollector().CreateLogger("test"));

        Assert.Equal("token-1", await cache.GetAsync(default));
        time.Now = Start.AddMinutes(14);
        Assert.Equal("token-1", await cache.GetAsync(default));
        time.Now = Start.AddMinutes(15).AddSeconds(1);
        Assert.Equal("token-2", await cache.GetAsync(default));
        Assert.Equal(2, credential.Calls);
    }

    [Fact]
    public async Task A_failed_refresh_is_logged_and_the_still_valid_token_serves_until_it_expires()
    {
        var time = new ManualTime(Start);
        var credential = new ScriptedCredential(time, TimeSpan.FromMinutes(60));
        var logs = new LogCollector();
        var cache = new EntraTokenCache(credential, time, logs.CreateLogger("test"));
        await cache.GetAsync(default);

        credential.Failing = true;
        time.Now = Start.AddMinutes(57);
        Assert.Equal("token-1", await cache.GetAsync(default));
        Assert.Contains(logs.Lines, l => l.Contains("Entra token refresh for PostgreSQL failed", StringComparison.Ordinal) && l.Contains("CredentialUnavailableException", StringComparison.Ordinal));

        time.Now = Start.AddMinutes(61);
        await Assert.ThrowsAsync<Azure.Identity.CredentialUnavailableException>(() => cache.GetAsync(default).AsTask());
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class ScriptedCredential(TimeProvider time, TimeSpan lifetime) : TokenCredential
    {
        public int Calls { get; private set; }
        public bool Failing { get; set; }

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            if (Failing) throw new Azure.Identity.CredentialUnavailableException("managed identity endpoint unreachable");
            Assert.Contains(PostgresDataSource.EntraScope, requestContext.Scopes);
            Calls++;
            return ValueTask.FromResult(new AccessToken($"token-{Calls}", time.GetUtcNow() + lifetime));
        }
    }
}
