using AssetService.Core.Database;
using AssetService.Tests.Support;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AssetService.Tests.Common;

public sealed class MigrationTests
{
    [Fact]
    public async Task Instances_starting_together_apply_every_script_once_and_a_rerun_is_a_no_op()
    {
        var database = await TestDatabase.CreateEmptyAsync();
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(TestDatabase.ConnectionStringFor(database));
            var migrator = new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance);
            using var start = new Barrier(6);
            await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Factory.StartNew(() =>
            {
                start.SignalAndWait();
                migrator.Migrate();
            }, TaskCreationOptions.LongRunning)));
            migrator.Migrate();

            var scripts = typeof(DatabaseMigrator).Assembly.GetManifestResourceNames().Count(n => n.Contains(".Database.Migrations."));
            await using var connection = await dataSource.OpenConnectionAsync();
            Assert.Equal(scripts, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM schemaversions"));
            Assert.Equal(scripts, await connection.ExecuteScalarAsync<int>("SELECT count(DISTINCT scriptname) FROM schemaversions"));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await TestDatabase.DropAsync(database);
        }
    }
}
