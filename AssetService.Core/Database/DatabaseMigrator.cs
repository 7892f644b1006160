using DbUp;
using DbUp.Postgresql;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AssetService.Core.Database;

/// <summary>Applies the numbered <c>Migrations/*.sql</c> scripts once each; re-running is a no-op.</summary>
public sealed class DatabaseMigrator(NpgsqlDataSource dataSource, ILogger<DatabaseMigrator> logger)
{
    // Instances that scale out together would race to apply the same script: a session-level advisory
    // lock lets one migrate while the others wait, then find nothing left to do.
    private const long MigrationLock = 0x41535345545356; // "ASSETSV"

    public void Migrate()
    {
        using var connection = dataSource.OpenConnection();
        using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            take.Parameters.AddWithValue("key", MigrationLock);
            take.CommandTimeout = 0;
            take.ExecuteNonQuery();
        }
        try
        {
            Upgrade();
        }
        finally
        {
            using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            release.Parameters.AddWithValue("key", MigrationLock);
            release.ExecuteNonQuery();
        }
    }

    private void Upgrade()
    {
        var upgrader = DeployChanges.To
            .PostgresqlDatabase(new PostgresqlConnectionManager(dataSource))
            .WithScriptsEmbeddedInAssembly(typeof(DatabaseMigrator).Assembly, name => name.Contains(".Database.Migrations."))
            .WithTransactionPerScript()
            // The scripts use PostgreSQL dollar quotes ($sql$ ... $sql$), which DbUp would read as variables.
            .WithVariablesDisabled()
            .LogToNowhere()
            .Build();
        var result = upgrader.PerformUpgrade();
        if (!result.Successful)
            throw new InvalidOperationException($"Database migration failed at {result.ErrorScript?.Name}", result.Error);
        foreach (var script in result.Scripts) logger.LogInformation("Applied migration {Script}", script.Name);
    }
}
