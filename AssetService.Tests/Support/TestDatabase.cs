using AssetService.Core.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AssetService.Tests.Support;

/// <summary>
/// A fresh database per test class, copied from a template migrated once per run: every class starts
/// from the real schema and sees no other class's rows.
/// </summary>
public static class TestDatabase
{
    private const string TemplateName = "asset_service_test_template";
    private static readonly Lazy<Task> Template = new(CreateTemplateAsync);

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("PostgresConnection") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("PostgresConnection is not set: run the tests with ./test.sh, which starts PostgreSQL.");

    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database, Pooling = true }.ConnectionString;

    public static async Task<string> CreateAsync()
    {
        await Template.Value;
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        await ExecuteOnServerAsync($"CREATE DATABASE {name} TEMPLATE {TemplateName}");
        return name;
    }

    /// <summary>A database with no schema at all, for tests of the migrations themselves.</summary>
    public static async Task<string> CreateEmptyAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        await ExecuteOnServerAsync($"CREATE DATABASE {name}");
        return name;
    }

    public static Task DropAsync(string name) => ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");

    private static async Task CreateTemplateAsync()
    {
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {TemplateName} WITH (FORCE)");
        await ExecuteOnServerAsync($"CREATE DATABASE {TemplateName}");
        await using (var dataSource = NpgsqlDataSource.Create(ConnectionStringFor(TemplateName)))
            new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).Migrate();
        NpgsqlConnection.ClearAllPools();
    }

    private static async Task ExecuteOnServerAsync(string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
