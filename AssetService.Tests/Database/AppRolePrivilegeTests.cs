using AssetService.Core.Changes;
using AssetService.LocalHost;
using AssetService.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AssetService.Tests.Database;

/// <summary>
/// The app's login, made a member of <c>asset_service_app</c> by the migrate command, reads and writes
/// data through the API and is refused every schema change.
/// </summary>
public sealed class AppRolePrivilegeTests : IAsyncLifetime
{
    private readonly string login = "app_login_" + Guid.NewGuid().ToString("N")[..8];
    private string database = "";

    private string AppConnectionString =>
        new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionStringFor(database)) { Username = login, Pooling = false }.ConnectionString;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        await using var admin = new NpgsqlConnection(TestDatabase.ConnectionStringFor(database));
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE ROLE {login} LOGIN", admin);
        await create.ExecuteNonQueryAsync();
        var exit = await MigrateCommand.RunAsync(["--grant-to", login],
            new Dictionary<string, string?> { ["PostgresConnection"] = TestDatabase.ConnectionStringFor(database) });
        Assert.Equal(0, exit);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await TestDatabase.DropAsync(database);
        await using var admin = new NpgsqlConnection(TestDatabase.ServerConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP ROLE IF EXISTS {login}", admin);
        await drop.ExecuteNonQueryAsync();
    }

    [Theory]
    [InlineData("CREATE TABLE intruder (id int)")]
    [InlineData("ALTER TABLE assets ADD COLUMN intruder int")]
    [InlineData("DROP TABLE assets")]
    [InlineData("TRUNCATE assets")]
    [InlineData("CREATE INDEX intruder ON assets (name)")]
    [InlineData("DELETE FROM schemaversions")]
    [InlineData("CREATE ROLE intruder")]
    public async Task The_app_login_is_refused_schema_changes(string statement)
    {
        await using var connection = new NpgsqlConnection(AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(statement, connection);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    // History and the feed are append-only for the app (issue 23): the capture triggers and the
    // retention purge write them as the migration role (SECURITY DEFINER, migration 0009).
    [Theory]
    [InlineData("UPDATE changes SET changed_by = 'intruder'")]
    [InlineData("DELETE FROM changes")]
    [InlineData("TRUNCATE changes")]
    [InlineData("INSERT INTO changes (xid, changed_at, changed_by, entity, operation, rows) VALUES (1, now(), 'intruder', 'assets', 'updated', 1)")]
    [InlineData("UPDATE assets_history SET name = 'intruder'")]
    [InlineData("DELETE FROM assets_history")]
    [InlineData("INSERT INTO assets_history SELECT a.*, now() FROM assets a")]
    [InlineData("UPDATE specs_history SET ramp_rate = 0")]
    [InlineData("DELETE FROM asset_limits_history")]
    [InlineData("TRUNCATE forecasts_history")]
    [InlineData("DELETE FROM reservations_history")]
    [InlineData("UPDATE sites_history SET name = 'intruder'")]
    [InlineData("DELETE FROM inverters_history")]
    [InlineData("DELETE FROM inverter_assets_history")]
    [InlineData("UPDATE site_limits_history SET valid_until = now()")]
    [InlineData("DELETE FROM inverter_limits_history")]
    public async Task The_app_login_cannot_rewrite_history_or_the_feed(string statement)
    {
        await using var connection = new NpgsqlConnection(AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(statement, connection);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    [Fact]
    public async Task The_app_login_reads_and_writes_through_the_api()
    {
        await using var app = LocalHostApp.Build([], new Dictionary<string, string?>
        {
            ["PostgresConnection"] = AppConnectionString,
            ["ASSET_SERVICE_API_KEY"] = ApiFixture.Key,
            ["ASSET_SERVICE_PORT"] = "0",
            ["ASSET_SERVICE_MIGRATE_AT_START"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient(new OpenApiValidatingHandler()) { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Add("x-functions-key", ApiFixture.Key);

        var id = await AssetApi.CreateAsync(client);
        await client.PatchJsonAsync($"/api/v1/assets/{id}", """{"name":"Renamed"}""").ExpectAsync(200);
        var asset = await client.GetAsync($"/api/v1/assets/{id}").ExpectAsync(200);
        Assert.Equal("Renamed", asset.GetProperty("name").GetString());
        await client.PatchLimitsAsync(PeriodDataApi.LimitEntry(id, "OPERATIONS", "2026-06-01", "\"power_discharge\": 5")).ExpectAsync(200);
        Assert.NotEmpty(await client.GetLimitGroupsAsync($"asset_ids={id}&from=2026-06-01T00:00:00Z&to=2026-06-02T00:00:00Z"));
        await client.DeleteAsync($"/api/v1/assets/{id}").ExpectAsync(204);
        await client.GetAsync($"/api/v1/assets/{id}").ExpectAsync(404);

        // Its writes were captured (as the migration role), and it runs the purge through purge_history.
        await ChangesApi.SettleAsync(app.Services.GetRequiredService<NpgsqlDataSource>());
        var changes = await client.GetAsync($"/api/v1/changes?asset_ids={id}").ExpectAsync(200);
        Assert.Equal(["assets created", "assets deleted", "assets updated", "limits deleted", "limits updated"], changes.GetProperty("changes").EnumerateArray()
            .Select(c => $"{c.GetProperty("entity").GetString()} {c.GetProperty("operation").GetString()}").Order(StringComparer.Ordinal));
        await new HistoryRetention(app.Services.GetRequiredService<NpgsqlDataSource>(), TimeProvider.System, new HistorySettings(1)).PurgeAsync(CancellationToken.None);
    }
}
