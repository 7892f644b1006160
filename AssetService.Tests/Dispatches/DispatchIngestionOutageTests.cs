using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using AssetService.Core.Dispatches;
using AssetService.Core.Ingestion;
using AssetService.Core.Status;
using AssetService.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AssetService.Tests.Dispatches;

/// <summary>
/// A database that is unreachable or dies during handling: the handler throws (Service Bus retries the
/// message) and nothing of the message is written. Its own database, because it installs a trigger.
/// </summary>
public sealed class DispatchIngestionOutageTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    // Fires at COMMIT, after every statement of the message succeeded, and kills the session: the
    // database going away at the last possible moment of the transaction.
    private const string KillAtCommitSql = """
        CREATE OR REPLACE FUNCTION test_kill_session() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_terminate_backend(pg_backend_pid());
            PERFORM pg_sleep(5);
            RETURN NULL;
        END $$;
        DROP TRIGGER IF EXISTS test_kill_session ON dispatches;
        CREATE CONSTRAINT TRIGGER test_kill_session AFTER INSERT ON dispatches
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
            WHEN (NEW.source = 'KILL_AT_COMMIT') EXECUTE FUNCTION test_kill_session();
        """;

    private const string DropKillSql = "DROP TRIGGER IF EXISTS test_kill_session ON dispatches";

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static NpgsqlDataSource Unreachable() => NpgsqlDataSource.Create(
        new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionStringFor("asset_service")) { Port = ClosedPort(), Timeout = 2 }.ConnectionString);

    [Fact]
    public async Task An_unreachable_database_makes_the_dispatch_handler_throw()
    {
        await using var db = Unreachable();
        var ingestion = new DispatchIngestion(db);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() =>
            ingestion.IngestAsync(Messages.Received(Messages.Dispatch("DE_50HZ_ANY_1")), CancellationToken.None));
    }

    [Fact]
    public async Task An_unreachable_database_makes_the_status_handler_throw_and_leaves_the_message_unsettled()
    {
        await using var db = Unreachable();
        var settler = new CountingSettler();
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => MessageSettlement.SettleAsync(new StatusIngestion(db),
            Messages.Received(Messages.Status("DE_50HZ_ANY_1", "ONLINE", "2026-06-01T10:00:00Z")), settler, NullLogger.Instance, CancellationToken.None));
        Assert.Equal(0, settler.Calls);
    }

    [Fact]
    public async Task A_database_dying_at_commit_makes_the_handler_throw_and_leaves_no_partial_rows_and_a_redelivery_stores_all()
    {
        var asset = await AssetApi.CreateAsync(api.Client);
        var batch = Messages.DispatchSeries(asset, 1000);
        batch[999]["source"] = "KILL_AT_COMMIT";
        var message = Messages.Received(new { dispatches = batch });
        var ingestion = api.App.Services.GetRequiredService<DispatchIngestion>();
        await ExecuteAsync(KillAtCommitSql);

        await Assert.ThrowsAnyAsync<NpgsqlException>(() => ingestion.IngestAsync(message, CancellationToken.None));
        Assert.Equal(0, await CountAsync(asset));

        await ExecuteAsync(DropKillSql);
        Assert.IsType<CompletedOutcome>(await ingestion.IngestAsync(message with { DeliveryCount = 2 }, CancellationToken.None));
        Assert.Equal(1000, await CountAsync(asset));
    }

    [Fact]
    public async Task The_dev_route_answers_503_when_the_database_dies_during_handling()
    {
        var asset = await AssetApi.CreateAsync(api.Client);
        await ExecuteAsync(KillAtCommitSql);
        try
        {
            var body = JsonSerializer.Serialize(Messages.Dispatch(asset, source: "KILL_AT_COMMIT"));
            var response = await api.Client.PostJsonAsync("/dev/queues/dispatches/messages", body);
            var problem = await Task.FromResult(response).ExpectAsync(503);
            Assert.Equal("The database is unavailable; retry later", problem.GetProperty("detail").GetString());
            Assert.True(response.Headers.Contains("Retry-After"));
            Assert.Equal(0, await CountAsync(asset));
        }
        finally
        {
            await ExecuteAsync(DropKillSql);
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await api.Db.OpenConnectionAsync();
        await connection.ExecuteAsync(sql);
    }

    private async Task<int> CountAsync(string assetId)
    {
        await using var connection = await api.Db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<int>("SELECT count(*)::int FROM dispatches WHERE asset_id = @assetId", new { assetId });
    }

    private sealed class CountingSettler : IMessageSettler
    {
        public int Calls { get; private set; }

        public Task CompleteAsync(CancellationToken ct)
        {
            Calls++;
            return Task.CompletedTask;
        }

        public Task DeadLetterAsync(string reason, string description, CancellationToken ct)
        {
            Calls++;
            return Task.CompletedTask;
        }
    }
}
