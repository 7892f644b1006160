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

    /// <summary>
    /// Host and port of the transaction-mode PgBouncer in front of the server (<c>ASSET_SERVICE_TEST_PGBOUNCER</c>,
    /// set by <c>./test.sh</c>): Debian's 1.18, which does not track prepared statements.
    /// </summary>
    public static string PgBouncer =>
        Environment.GetEnvironmentVariable("ASSET_SERVICE_TEST_PGBOUNCER") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("ASSET_SERVICE_TEST_PGBOUNCER is not set: run the tests with ./test.sh, which starts PgBouncer (scripts/pgbouncer.sh).");

    /// <summary>The database through PgBouncer: the server's user, PgBouncer's host and port, nothing else added.</summary>
    public static string PooledConnectionStringFor(string database)
    {
        var pooler = new NpgsqlConnectionStringBuilder(PgBouncer);
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Host = pooler.Host, Port = pooler.Port, Database = database }.ConnectionString;
    }

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
