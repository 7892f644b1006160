using System.Text;
using AssetService.Core.Ingestion;
using AssetService.Core.Status;
using AssetService.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace AssetService.Tests.Status;

/// <summary>Status messages of one (asset_id, effective_at) apply in the queue's order, whatever order they commit in.</summary>
public sealed class StatusOrderingTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string At = "2026-06-01T10:00:00Z";

    private StatusIngestion Ingestion => api.App.Services.GetRequiredService<StatusIngestion>();

    private Task<IngestionOutcome> IngestAsync(string asset, string status, long sequenceNumber) =>
        Ingestion.IngestAsync(Messages.Received(Messages.Status(asset, status, At, status.ToLowerInvariant()), sequenceNumber: sequenceNumber), CancellationToken.None);

    private async Task<string> StatusAsync(string asset) =>
        (await api.Client.GetAsync($"/api/v1/assets/{asset}/status").ExpectAsync(200)).GetProperty("status").GetString()!;

    [Fact]
    public async Task An_older_message_that_arrives_after_a_newer_one_changes_nothing()
    {
        var asset = await AssetApi.CreateAsync(api.Client);
        Assert.IsType<CompletedOutcome>(await IngestAsync(asset, "MAINTENANCE", 200));
        Assert.IsType<CompletedOutcome>(await IngestAsync(asset, "OFFLINE", 100));
        Assert.Equal("MAINTENANCE", await StatusAsync(asset));
        Assert.IsType<CompletedOutcome>(await IngestAsync(asset, "ONLINE", 201));
        Assert.Equal("ONLINE", await StatusAsync(asset));
    }

    [Fact]
    public async Task An_older_message_that_commits_after_a_newer_one_changes_nothing()
    {
        var asset = await AssetApi.CreateAsync(api.Client);
        Assert.IsType<CompletedOutcome>(await IngestAsync(asset, "ONLINE", 1));

        // Hold the row, queue the newer message and then the older one behind the lock, release it:
        // the newer one commits first, the older one commits after it.
        await using var blocker = await api.Db.OpenConnectionAsync();
        await using var tx = await blocker.BeginTransactionAsync();
        await blocker.ExecuteAsync("SELECT 1 FROM asset_status WHERE asset_id = @asset FOR UPDATE", new { asset }, tx);
        var newer = Task.Run(() => IngestAsync(asset, "MAINTENANCE", 30));
        await WaitForLockWaitersAsync(1);
        var older = Task.Run(() => IngestAsync(asset, "OFFLINE", 20));
        await WaitForLockWaitersAsync(2);
        await tx.CommitAsync();

        Assert.IsType<CompletedOutcome>(await newer);
        Assert.IsType<CompletedOutcome>(await older);
        Assert.Equal("MAINTENANCE", await StatusAsync(asset));
    }

    [Fact]
    public async Task The_dev_route_orders_by_the_x_sequence_number_header_and_otherwise_by_arrival()
    {
        var asset = await AssetApi.CreateAsync(api.Client);
        await PostStatusAsync(asset, "MAINTENANCE", "900");
        await PostStatusAsync(asset, "OFFLINE", "800");
        Assert.Equal("MAINTENANCE", await StatusAsync(asset));

        var other = await AssetApi.CreateAsync(api.Client);
        await PostStatusAsync(other, "OFFLINE", null);
        await PostStatusAsync(other, "DEGRADED", null);
        Assert.Equal("DEGRADED", await StatusAsync(other));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("9223372036854775808")]
    [InlineData("1.5")]
    public async Task An_invalid_x_sequence_number_is_a_422_naming_the_header(string header)
    {
        var asset = await AssetApi.CreateAsync(api.Client);
        var problem = await PostStatusAsync(asset, "OFFLINE", header, 422);
        Assert.Equal(["header.x-sequence-number"], problem.Locs());
    }

    private async Task<System.Text.Json.JsonElement> PostStatusAsync(string asset, string status, string? sequenceNumber, int expected = 200)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/dev/queues/asset-status/messages")
        {
            Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(Messages.Status(asset, status, At)), Encoding.UTF8, "application/json"),
        };
        if (sequenceNumber is not null) request.Headers.Add("x-sequence-number", sequenceNumber);
        var answer = await api.Client.SendAsync(request).ExpectAsync(expected);
        if (expected == 200) Assert.Equal("completed", answer.GetProperty("outcome").GetString());
        return answer;
    }

    private async Task WaitForLockWaitersAsync(int count)
    {
        await using var connection = await api.Db.OpenConnectionAsync();
        for (var i = 0; i < 500; i++)
        {
            var waiting = await connection.ExecuteScalarAsync<int>(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
            if (waiting >= count) return;
            await Task.Delay(20);
        }
        throw new TimeoutException($"Fewer than {count} sessions waited for the row lock");
    }
}
