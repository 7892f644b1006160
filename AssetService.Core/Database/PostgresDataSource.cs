using System.Data.Common;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AssetService.Core.Database;

/// <summary>Builds the one <see cref="NpgsqlDataSource"/> of the process.</summary>
public static class PostgresDataSource
{
    public const string EntraScope = "https://ossrdbms-aad.database.windows.net/.default";

    /// <param name="credential">Tests pass one; else the user-assigned managed identity when
    /// <see cref="PostgresSettings.ManagedIdentityClientId"/> is set (Azure), otherwise
    /// <see cref="DefaultAzureCredential"/> (an administrator's <c>az login</c> for the migrate step).</param>
    /// <param name="loggerFactory">The host's: Npgsql's own logs and token refresh failures go where the app's do.</param>
    public static NpgsqlDataSource Create(PostgresSettings settings, TokenCredential? credential = null,
        ILoggerFactory? loggerFactory = null, TimeProvider? time = null)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        var builder = new NpgsqlDataSourceBuilder(WithDeliberateTimeouts(settings.ConnectionString, settings.AutoPrepare));
        builder.UseLoggerFactory(loggerFactory);
        if (settings.UseEntraAuth)
        {
            credential ??= settings.ManagedIdentityClientId is { Length: > 0 } clientId
                ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
                : new DefaultAzureCredential();
            var tokens = new EntraTokenCache(credential, time ?? TimeProvider.System, loggerFactory.CreateLogger<EntraTokenCache>());
            // Asked on every new physical connection; the cache answers until the token nears its expiry.
            builder.UsePasswordProvider(_ => tokens.GetAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult(),
                (_, ct) => tokens.GetAsync(ct));
        }
        return builder.Build();
    }

    /// <summary>
    /// Defaults that the connection string may override. A stopped server must turn into a 503 within
    /// seconds, not hang a request for Npgsql's default 15 s: connect within 3 s. No statement sets session
    /// state, so a connection returned to the pool needs no reset (which would cost seven statements per request).
    /// <para>
    /// Prepared statements only with <paramref name="autoPrepare"/> (<c>PostgresAutoPrepare=true</c>): then Npgsql
    /// prepares the same few statements after their second use. Behind a transaction-mode PgBouncer that does
    /// not track them (before 1.21, or <c>max_prepared_statements=0</c>) a server connection carries one
    /// client's prepared statements to the next: 42P05/26000 errors, or, where the parameter types happen to
    /// match, another request's statement run with this one's parameters. So auto-prepare is off unless the
    /// deployment says the pooler tracks them, and a connection string that asks for it without that setting
    /// is refused at start-up rather than obeyed (docs/decisions.md, "The production path").
    /// </para>
    /// </summary>
    internal static string WithDeliberateTimeouts(string connectionString, bool autoPrepare = false)
    {
        // The keys the string gives, in Npgsql's spelling without spaces ("Command Timeout" = "CommandTimeout"):
        // NpgsqlConnectionStringBuilder.ContainsKey answers whether a key is known, not whether it was given.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()).ToHashSet();
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains("timeout")) builder.Timeout = 3;
        if (!given.Contains("commandtimeout")) builder.CommandTimeout = 30;
        if (!autoPrepare && builder.MaxAutoPrepare > 0)
            throw new InvalidOperationException(
                $"PostgresConnection sets Max Auto Prepare={builder.MaxAutoPrepare}, but {PostgresSettings.AutoPrepareSetting} is not true: " +
                $"a pooler that does not track prepared statements would run one request's statement with another's parameters. " +
                $"Set {PostgresSettings.AutoPrepareSetting}=true only where the pooler tracks them (PgBouncer 1.21+ with max_prepared_statements > 0) or there is none.");
        if (autoPrepare && !given.Contains("maxautoprepare"))
        {
            builder.MaxAutoPrepare = 64;
            if (!given.Contains("autoprepareminusages")) builder.AutoPrepareMinUsages = 2;
        }
        if (!given.Contains("noresetonclose")) builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }
}
