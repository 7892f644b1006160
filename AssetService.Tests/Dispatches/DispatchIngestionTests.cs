using AssetService.Core.Dispatches;
using AssetService.Core.Ingestion;
using AssetService.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace AssetService.Tests.Dispatches;

/// <summary>The dispatch queue ingestion on a real PostgreSQL, with messages as Service Bus delivers them.</summary>
public sealed class DispatchIngestionTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private DispatchIngestion Ingestion => api.App.Services.GetRequiredService<DispatchIngestion>();

    private Task<IngestionOutcome> IngestAsync(object body, int deliveryCount = 1) =>
        Ingestion.IngestAsync(Messages.Received(body, deliveryCount), CancellationToken.None);

    private async Task<int> CountAsync(string assetId)
    {
        await using var connection = await api.Db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<int>("SELECT count(*)::int FROM dispatches WHERE asset_id = @assetId", new { assetId });
    }

    private static DeadLettered AssertDeadLettered(IngestionOutcome outcome, string reason)
    {
        var dead = Assert.IsType<DeadLettered>(outcome);
        Assert.Equal(reason, dead.Reason);
        return dead;
    }

    [Fact]
    public async Task A_valid_dispatch_is_stored_with_its_delivery_day_and_completed()
    {
        var asset = await AssetApi.CreateAsync(api.Client, "DE", "AMPN");
        var id = Guid.NewGuid();
        // 22:00Z on 1 June is midnight in Berlin: the next delivery day.
        var outcome = await IngestAsync(Messages.Dispatch(asset, id, start: "2026-06-01T22:00:00Z", end: "2026-06-01T22:15:00+00:00", power: -1.25m));

        Assert.IsType<CompletedOutcome>(outcome);
        await using var connection = api.Db.OpenConnection();
        var row = await connection.QuerySingleAsync<(string AssetId, DateOnly DeliveryDay, decimal Power, string Market, DateTime ReceivedAt)>(
            "SELECT asset_id, delivery_day, power, market, received_at FROM dispatches WHERE dispatch_id = @id", new { id });
        Assert.Equal((asset, new DateOnly(2026, 6, 2), -1.25m, "INTRADAY"), (row.AssetId, row.DeliveryDay, row.Power, row.Market));
        Assert.True(DateTime.UtcNow - row.ReceivedAt < TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task A_dispatch_without_market_is_stored_with_a_null_market()
    {
        var asset = await AssetApi.CreateAsync(api.Client);
        var dispatch = Messages.Dispatch(asset, market: null);
        dispatch.Remove("market");
        Assert.IsType<CompletedOutcome>(await IngestAsync(dispatch));
        Assert.IsType<CompletedOutcome>(await IngestAsync(Messages.Dispatch(asset, market: null)));
        Assert.Equal(2, await CountAsync(asset));
    }

    [Theory]
    [InlineData("{\"dispatch_id\": ")]
    [InlineData("not json at all")]
    [InlineData("")]
    [InlineData("{\"a\": 1} {\"b\": 2}")]
    public async Task Malformed_json_is_dead_lettered_as_invalid_json(string body)
    {
        var outcome = await Ingestion.IngestAsync(Messages.Received(body), CancellationToken.None);
        var dead = AssertDeadLettered(outcome, DeadLetterReasons.InvalidJson);
        Assert.Contains("message body", dead.Description);
    }

    [Fact]
    public async Task A_body_that_is_not_utf8_is_dead_lettered_as_invalid_json()
    {
        var message = IncomingMessage.FromBytes(new byte[] { (byte)'"', 0xC3, 0x28, (byte)'"' });
        var dead = AssertDeadLettered(await Ingestion.IngestAsync(message, CancellationToken.None), DeadLetterReasons.InvalidJson);
        Assert.Contains("UTF-8", dead.Description);
    }

    [Fact]
    public async Task Schema_violations_are_dead_lettered_naming_every_problem()
    {
        var asset = await AssetApi.CreateAsync(api.Client);
        var dispatch = Messages.Dispatch(asset, start: "2026-06-01T10:00:00", end: "2026-06-01T09:00:00Z", market: "intraday");
        dispatch["power"] = "5";
        dispatch.Remove("source");
        dispatch["delivery_day"] = "2026-06-01";
        dispatch["dispatch_id"] = "not-a-uuid";

        var dead = AssertDeadLettered(await IngestAsync(dispatch), DeadLetterReasons.Schema);

        Assert.StartsWith("6 problems: ", dead.Description);
        Assert.Contains("body.dispatch_id: Input should be a valid UUID", dead.Description);
        Assert.Contains("body.start_time: Input should have timezone info", dead.Description);
        Assert.Contains("body.power: Input should be a valid number", dead.Description);
        Assert.Contains("body.market: String should match pattern", dead.Description);
        Assert.Contains("body.source: Field required", dead.Description);
        Assert.Contains("body.delivery_day: delivery_day is derived by the service", dead.Description);
        Assert.Equal(0, await CountAsync(asset));
    }

    [Fact]
    public async Task An_end_time_not_after_start_time_is_a_schema_violation()
    {
        var asset = await AssetApi.CreateAsync(api.Client);
        var dead = AssertDeadLettered(
            await IngestAsync(Messages.Dispatch(asset, start: "2026-06-01T10:00:00Z", end: "2026-06-01T12:00:00+02:00")), DeadLetterReasons.Schema);
        Assert.Equal("body.end_time: end_time must be after start_time", dead.Description);
    }

    [Fact]
    public async Task An_unknown_asset_is_dead_lettered_naming_the_ids_and_nothing_is_stored()
    {
        var asset = await AssetApi.CreateAsync(api.Client);
        var batch = new { dispatches = new[] { Messages.Dispatch(asset), Messages.Dispatch("DE_50HZ_NOPE_1"), Messages.Dispatch("DE_50HZ_GONE_7") } };

        var dead = AssertDeadLettered(await IngestAsync(batch), DeadLetterReasons.UnknownAsset);

        Assert.Contains("DE_50HZ_GONE_7, DE_50HZ_NOPE_1", dead.Description);
        Assert.Equal(0, await CountAsync(asset));
    }

    [Fact]
    public async Task A_replay_delivered_five_times_leaves_one_row()
    {
        var asset = await AssetApi.CreateAsync(api.Client);
        var dispatch = Messages.Dispatch(asset);
        for (var delivery = 1; delivery <= 5; delivery++)
            Assert.IsType<CompletedOutcome>(await IngestAsync(dispatch, delivery));
        Assert.Equal(1, await CountAsync(asset));
    }

    [Fact]
    public async Task An_identical_replay_may_differ_in_number_format_and_offset()
    {
        var asset = await AssetApi.CreateAsync(api.Client);
        var id = Guid.NewGuid();
        Assert.IsType<CompletedOutcome>(await IngestAsync(Messages.Dispatch(asset, id, power: 2.5m)));
        var replay = Messages.Dispatch(asset, id, start: "2026-06-01T12:00:00+02:00", power: 2.50m);
        replay["dispatch_id"] = id.ToString().ToUpperInvariant();
        Assert.IsType<CompletedOutcome>(await IngestAsync(replay));
        Assert.Equal(1, await CountAsync(asset));
    }

    [Fact]
    public async Task A_replay_with_different_content_is_dead_lettered_and_the_first_write_wins()
    {
        var asset = await AssetApi.CreateAsync(api.Client);
        var id = Guid.NewGuid();
        Assert.IsType<CompletedOutcome>(await IngestAsync(Messages.Dispatch(asset, id, power: 2.5m)));

        var dead = AssertDeadLettered(
            await IngestAsync(Messages.Dispatch(asset, id, power: 3m, market: null)), DeadLetterReasons.ConflictingReplay);

        Assert.Contains($"{id} (differs in power, market)", dead.Description);
        await using var connection = api.Db.OpenConnection();
        Assert.Equal(2.5m, await connection.ExecuteScalarAsync<decimal>("SELECT power FROM dispatches WHERE dispatch_id = @id", new { id }));
    }

    [Fact]
    public async Task A_batch_with_a_conflicting_replay_stores_none_of_its_new_events()
    {
        var asset = await AssetApi.CreateAsync(api.Client);
        var stored = Messages.Dispatch(asset, start: "2026-06-02T10:00:00Z", end: "2026-06-02T10:15:00Z");
        Assert.IsType<CompletedOutcome>(await IngestAsync(stored));
        var changed = new Dictionary<string, object?>(stored) { ["end_time"] = "2026-06-02T10:30:00Z" };
        var batch = Messages.DispatchSeries(asset, 500);
        batch.Add(changed);

        AssertDeadLettered(await IngestAsync(new { dispatches = batch }), DeadLetterReasons.ConflictingReplay);

        Assert.Equal(1, await CountAsync(asset));
    }

    [Fact]
    public async Task A_batch_of_1000_is_stored_whole()
    {
        var asset = await AssetApi.CreateAsync(api.Client);
        Assert.IsType<CompletedOutcome>(await IngestAsync(new { dispatches = Messages.DispatchSeries(asset, 1000) }));
        Assert.Equal(1000, await CountAsync(asset));
    }

    [Fact]
    public async Task A_batch_of_1000_with_one_bad_entry_stores_none()
    {
        var asset = await AssetApi.CreateAsync(api.Client);
        var batch = Messages.DispatchSeries(asset, 1000);
        batch[637]["issued_at"] = "2026-06-01T09:00:00";

        var dead = AssertDeadLettered(await IngestAsync(new { dispatches = batch }), DeadLetterReasons.Schema);

        Assert.Equal("body.dispatches.637.issued_at: Input should have timezone info", dead.Description);
        Assert.Equal(0, await CountAsync(asset));
    }

    [Fact]
    public async Task A_batch_over_1000_events_or_empty_is_a_schema_violation()
    {
        var asset = await AssetApi.CreateAsync(api.Client);
        var tooMany = AssertDeadLettered(await IngestAsync(new { dispatches = Messages.DispatchSeries(asset, 1001) }), DeadLetterReasons.Schema);
        Assert.Contains("at most 1000 items", tooMany.Description);
        AssertDeadLettered(await IngestAsync(new { dispatches = Array.Empty<object>() }), DeadLetterReasons.Schema);
        Assert.Equal(0, await CountAsync(asset));
    }

    [Fact]
    public async Task The_same_dispatch_id_twice_in_a_batch_is_a_schema_violation_naming_both_positions()
    {
        var asset = await AssetApi.CreateAsync(api.Client);
        var batch = Messages.DispatchSeries(asset, 3);
        batch[2]["dispatch_id"] = batch[0]["dispatch_id"];
        var dead = AssertDeadLettered(await IngestAsync(new { dispatches = batch }), DeadLetterReasons.Schema);
        Assert.Contains("body.dispatches.2: Duplicate key", dead.Description);
        Assert.Contains("position 0", dead.Description);
    }

    [Fact]
    public async Task Concurrent_deliveries_of_the_same_batch_store_it_once()
    {
        var asset = await AssetApi.CreateAsync(api.Client);
        var batch = new { dispatches = Messages.DispatchSeries(asset, 300) };
        var outcomes = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => IngestAsync(batch, i)));
        Assert.All(outcomes, o => Assert.IsType<CompletedOutcome>(o));
        Assert.Equal(300, await CountAsync(asset));
    }

    [Fact]
    public async Task Dispatch_history_stays_when_the_asset_is_deleted()
    {
        var asset = await AssetApi.CreateAsync(api.Client);
        Assert.IsType<CompletedOutcome>(await IngestAsync(Messages.Dispatch(asset)));
        await api.Client.DeleteAsync($"/api/v1/assets/{asset}").ExpectAsync(204);
        Assert.Equal(1, await CountAsync(asset));
    }
}
