using AssetService.Core.Changes;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace AssetService.Functions.Changes;

/// <summary>Daily removal of history and changes older than <c>HistoryRetentionDays</c>.</summary>
public sealed class HistoryRetentionFunction(HistoryRetention retention, ILogger<HistoryRetentionFunction> logger)
{
    [Function("PurgeHistory")]
    public async Task Run([TimerTrigger(HistoryRetention.Schedule)] TimerInfo timer, CancellationToken ct)
    {
        var (versions, changes) = await retention.PurgeAsync(ct);
        logger.LogInformation("History retention removed {Versions} versions and {Changes} changes", versions, changes);
    }
}
