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
    [Fact]
    public async Task A_write_of_an_owner_another_write_holds_takes_its_instant_only_after_that_write_committed()
    {
        await using var pool = NpgsqlDataSource.Create(TestDatabase.ConnectionStringFor(database));
        var owner = WriteOwners.Asset("DE_50HZ_ANY_1");
        await using var first = await AuthoredWrite.BeginAsync(pool, Author.ServiceBus, owner, CancellationToken.None);
        var second = Task.Run(() => AuthoredWrite.BeginAsync(pool, Author.ServiceBus, new WriteOwners(["DE_50HZ_OTHER_1", "DE_50HZ_ANY_1"], []), CancellationToken.None));
        await using (await AuthoredWrite.BeginAsync(pool, Author.ServiceBus, WriteOwners.Asset("DE_50HZ_OTHER_2"), CancellationToken.None))
        {
            // Another owner's write does not wait.
        }
        await Task.Delay(300);
        Assert.False(second.IsCompleted);
        var beforeCommit = await first.Connection.ExecuteScalarAsync<DateTime>("SELECT clock_timestamp()", transaction: first.Transaction);
        await first.CommitAsync(CancellationToken.None);
        await using var next = await second;
        Assert.True(first.Instant < beforeCommit && beforeCommit < next.Instant, $"{first.Instant:O} {beforeCommit:O} {next.Instant:O}");
    }

    [Fact]
    public async Task A_write_refused_as_out_of_commit_order_runs_again_with_a_later_instant_a_few_times()
    {
        await using var pool = NpgsqlDataSource.Create(TestDatabase.ConnectionStringFor(database));
        const string Refuse = "DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = 'serialization_failure'; END $$";
        var instants = new List<DateTime>();
        var attempts = await AuthoredWrite.RunAsync(pool, Author.ServiceBus, WriteOwners.None, async write =>
        {
            instants.Add(write.Instant);
            if (instants.Count < 3) await write.Connection.ExecuteAsync(Refuse, transaction: write.Transaction);
            await write.CommitAsync(CancellationToken.None);
            return instants.Count;
        }, CancellationToken.None);
        Assert.Equal(3, attempts);
        Assert.True(instants[0] < instants[1] && instants[1] < instants[2]);

        var always = await Assert.ThrowsAsync<PostgresException>(() => AuthoredWrite.RunAsync(pool, Author.ServiceBus, WriteOwners.None,
            write => write.Connection.ExecuteAsync(Refuse, transaction: write.Transaction), CancellationToken.None));
        Assert.Equal(PostgresErrorCodes.SerializationFailure, always.SqlState);
    }
}
