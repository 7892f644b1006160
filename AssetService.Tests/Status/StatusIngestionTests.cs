using AssetService.Core.Ingestion;
using AssetService.Core.Status;
using AssetService.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AssetService.Tests.Status;

/// <summary>The status queue ingestion on a real PostgreSQL, read back through the status service.</summary>
public sealed class StatusIngestionTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private StatusIngestion Ingestion => api.App.Services.GetRequiredService<StatusIngestion>();
    private StatusService Status => api.App.Services.GetRequiredService<StatusService>();

    private Task<IngestionOutcome> IngestAsync(object body) => Ingestion.IngestAsync(Messages.Received(body), CancellationToken.None);

    private async Task<IReadOnlyList<AssetStatusEntry>> HistoryAsync(string assetId)
    {
        var query = new StatusListQuery([assetId], false, new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc), null, [], new Core.Common.Page(1000, 0));
        return (await Status.ListAsync(query, CancellationToken.None)).Statuses;
    }

    [Fact]
    public async Task A_valid_status_is_stored_and_becomes_the_latest()
    {
        var asset = await AssetApi.CreateAsync(api.Client);
        Assert.IsType<CompletedOutcome>(await IngestAsync(Messages.Status(asset, "DEGRADED", "2026-06-01T12:00:00+02:00", "inverter 2 tripped")));

        var latest = await Status.GetLatestAsync(asset, CancellationToken.None);
        Assert.Equal(("DEGRADED", new DateTime(2026, 6, 1, 10, 0, 0, DateTimeKind.Utc)), (latest.Status, latest.EffectiveAt));
        Assert.Equal(["inverter 2 tripped"], latest.Reasons);
        Assert.NotNull(latest.CreatedAt);
    }

    [Fact]
    public async Task A_later_message_for_the_same_key_replaces_status_and_reasons()
    {
        var asset = await AssetApi.CreateAsync(api.Client);
        Assert.IsType<CompletedOutcome>(await IngestAsync(Messages.Status(asset, "OFFLINE", "2026-06-01T10:00:00Z", "grid fault", "SCADA lost")));
        var first = Assert.Single(await HistoryAsync(asset));

        Assert.IsType<CompletedOutcome>(await IngestAsync(Messages.Status(asset, "MAINTENANCE", "2026-06-01T10:00:00Z", "planned works")));

        var entry = Assert.Single(await HistoryAsync(asset));
        Assert.Equal("MAINTENANCE", entry.Status);
        Assert.Equal(["planned works"], entry.Reasons);
        Assert.Equal(first.CreatedAt, entry.CreatedAt);
    }

    [Fact]
    public async Task Out_of_order_messages_still_make_the_newest_effective_at_the_latest()
    {
        var asset = await AssetApi.CreateAsync(api.Client);
        Assert.IsType<CompletedOutcome>(await IngestAsync(Messages.Status(asset, "ONLINE", "2026-06-01T12:00:00Z")));
        Assert.IsType<CompletedOutcome>(await IngestAsync(Messages.Status(asset, "OFFLINE", "2026-06-01T11:00:00Z", "late message")));

        var latest = await Status.GetLatestAsync(asset, CancellationToken.None);
        Assert.Equal("ONLINE", latest.Status);
        Assert.Equal(2, (await HistoryAsync(asset)).Count);
    }

    [Fact]
    public async Task A_status_message_without_reasons_stores_an_empty_list()
    {
        var asset = await AssetApi.CreateAsync(api.Client);
        Assert.IsType<CompletedOutcome>(await IngestAsync(new { asset_id = asset, status = "ONLINE", effective_at = "2026-06-01T10:00:00Z" }));
        Assert.Empty((await Status.GetLatestAsync(asset, CancellationToken.None)).Reasons);
    }

    [Fact]
    public async Task An_unknown_asset_is_dead_lettered_naming_it()
    {
        var dead = Assert.IsType<DeadLettered>(await IngestAsync(Messages.Status("PL_PSE_NOPE_1", "ONLINE", "2026-06-01T10:00:00Z")));
        Assert.Equal(DeadLetterReasons.UnknownAsset, dead.Reason);
        Assert.Contains("PL_PSE_NOPE_1", dead.Description);
    }

    [Fact]
    public async Task Schema_violations_are_dead_lettered_and_nothing_is_stored()
    {
        var asset = await AssetApi.CreateAsync(api.Client);
        var dead = Assert.IsType<DeadLettered>(await IngestAsync(new { asset_id = asset, status = "BROKEN", effective_at = "2026-06-01T10:00:00", reasons = new object[] { 1 }, note = "x" }));

        Assert.Equal(DeadLetterReasons.Schema, dead.Reason);
        Assert.Contains("body.status: Input should be 'UNKNOWN'", dead.Description);
        Assert.Contains("body.effective_at: Input should have timezone info", dead.Description);
        Assert.Contains("body.reasons.0: Input should be a valid string", dead.Description);
        Assert.Contains("body.note: Extra inputs are not permitted", dead.Description);
        Assert.Empty(await HistoryAsync(asset));
    }

    [Fact]
    public async Task Invalid_json_is_dead_lettered()
    {
        var dead = Assert.IsType<DeadLettered>(await Ingestion.IngestAsync(Messages.Received("{\"status\": ONLINE}"), CancellationToken.None));
        Assert.Equal(DeadLetterReasons.InvalidJson, dead.Reason);
        Assert.Contains("line 1", dead.Description);
    }
}
