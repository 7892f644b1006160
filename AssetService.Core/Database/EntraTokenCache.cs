using Azure.Core;
using Microsoft.Extensions.Logging;

namespace AssetService.Core.Database;

/// <summary>
/// The Entra token used as PostgreSQL password, asked for again only when it nears its own
/// <c>ExpiresOn</c> (not on a fixed period). A failed refresh is logged; while the old token is still
/// valid it keeps serving, so a short Entra outage never becomes a database outage.
/// </summary>
public sealed class EntraTokenCache(TokenCredential credential, TimeProvider time, ILogger logger)
{
    /// <summary>Refresh this long before expiry: longer than any connection attempt, shorter than a token's life.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim refreshing = new(1, 1);
    private AccessToken? current;

    public async ValueTask<string> GetAsync(CancellationToken ct)
    {
        if (current is { } token && token.ExpiresOn - time.GetUtcNow() > RefreshMargin) return token.Token;
        await refreshing.WaitAsync(ct);
        try
        {
            if (current is { } fresh && fresh.ExpiresOn - time.GetUtcNow() > RefreshMargin) return fresh.Token;
            try
            {
                current = await credential.GetTokenAsync(new TokenRequestContext([PostgresDataSource.EntraScope]), ct);
                return current.Value.Token;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var stillValid = current is { } old && old.ExpiresOn > time.GetUtcNow();
                logger.LogError("Entra token refresh for PostgreSQL failed ({ErrorType}: {ErrorMessage}); {Fallback}",
                    e.GetType().Name, e.Message, stillValid ? "using the current token until it expires" : "no valid token left");
                if (stillValid) return current!.Value.Token;
                throw;
            }
        }
        finally
        {
            refreshing.Release();
        }
    }
}
