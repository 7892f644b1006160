using AssetService.Core.Changes;
using AssetService.Core.Common;
using AssetService.Tests.Support;
using Dapper;
using Npgsql;

namespace AssetService.Tests.Changes;

/// <summary>
/// The settings every write begins with hold for that transaction only: the next user of the pooled
/// connection (another request, or another client behind a transaction-mode PgBouncer) sees neither the
/// author nor JIT turned off.
/// </summary>
public sealed class AuthoredWriteTests : IAsyncLifetime
{
    private const string SettingsSql = """
        SELECT current_setting('jit') AS jit, coalesce(current_setting('asset_service.changed_by', true), '') AS author
        """;

    private string database = "";
    private NpgsqlDataSource db = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        // One physical connection, with JIT on for its session whatever the server's default: every write and
        // every read below share it, so a setting that outlived its transaction would be seen.
        db = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionStringFor(database))
        {
            MaxPoolSize = 1, NoResetOnClose = true, Options = "-c jit=on",
        }.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await db.DisposeAsync();
        await TestDatabase.DropAsync(database);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_write_runs_without_JIT_under_its_author_and_leaves_the_connection_as_it_found_it(bool commit)
    {
        await using (var write = await AuthoredWrite.BeginAsync(db, new Author("oid-of-a-trader"), WriteOwners.None, CancellationToken.None))
        {
            var inside = await write.Connection.QuerySingleAsync<(string Jit, string Author)>(SettingsSql, transaction: write.Transaction);
            Assert.Equal(("off", "oid-of-a-trader"), inside);
            if (commit) await write.CommitAsync(CancellationToken.None);
        }

        await using var connection = await db.OpenConnectionAsync();
        var after = await connection.QuerySingleAsync<(string Jit, string Author)>(SettingsSql);
        Assert.Equal(("on", ""), after);
    }
}
