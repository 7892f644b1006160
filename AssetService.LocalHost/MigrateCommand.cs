using AssetService.Core.Database;
using Npgsql;

namespace AssetService.LocalHost;

/// <summary>
/// <c>dotnet AssetService.LocalHost.dll migrate [--grant-to LOGIN]</c>: the deployment step that applies the
/// migrations, run by an administrator (the Functions app runs no DDL). Reads <c>PostgresConnection</c> and
/// <c>PostgresUseEntraAuth</c> like the app. <c>--grant-to</c> makes an existing login (on Azure: the app's
/// managed identity, mapped by <c>pgaadauth_create_principal</c>) a member of the data-only role
/// <c>asset_service_app</c> that migration 0006 creates.
/// </summary>
public static class MigrateCommand
{
    public const string AppRole = "asset_service_app";

    /// <param name="settings">Settings that override the environment (tests use them).</param>
    public static async Task<int> RunAsync(string[] args, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var options = Options.Parse(args);
        if (options is null)
        {
            await Console.Error.WriteLineAsync("usage: migrate [--grant-to LOGIN]");
            return 2;
        }
        var builder = Host.CreateApplicationBuilder([]);
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(sp => PostgresDataSource.Create(PostgresSettings.From(builder.Configuration), loggerFactory: sp.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddSingleton<DatabaseMigrator>();
        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AssetService.Migrate");
        try
        {
            host.Services.GetRequiredService<DatabaseMigrator>().Migrate();
            var dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();
            if (options.GrantTo is { } login) await GrantAsync(dataSource, login);
            logger.LogInformation("The database schema is up to date");
            return 0;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            var cause = e is InvalidOperationException { InnerException: { } inner } ? inner : e;
            logger.LogError("Migration failed: {Kind}: {Message}{SqlState}", cause.GetType().Name, cause.Message,
                cause is PostgresException pg ? $" (SQL state {pg.SqlState})" : "");
            return 1;
        }
    }

    private static async Task GrantAsync(NpgsqlDataSource dataSource, string login)
    {
        await using var quote = dataSource.CreateCommand("SELECT quote_ident(@name)");
        quote.Parameters.AddWithValue("name", login);
        var quoted = (string)(await quote.ExecuteScalarAsync())!;
        await using var grant = dataSource.CreateCommand($"GRANT {AppRole} TO {quoted}");
        await grant.ExecuteNonQueryAsync();
    }

    private sealed record Options(string? GrantTo)
    {
        public static Options? Parse(string[] args)
        {
            string? grantTo = null;
            for (var i = 0; i < args.Length; i++)
            {
                if (i + 1 >= args.Length) return null;
                switch (args[i])
                {
                    case "--grant-to": grantTo = args[++i]; break;
                    default: return null;
                }
            }
            return new Options(grantTo);
        }
    }
}
