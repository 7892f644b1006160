using AssetService.Core.Changes;

namespace AssetService.LocalHost;

/// <summary>
/// What the Functions app's timer does (<see cref="HistoryRetention.Schedule"/>, daily at 03:30 UTC), for
/// LocalHost: once at start-up, then every day at that time.
/// </summary>
public sealed class HistoryRetentionService(HistoryRetention retention, TimeProvider clock, ILogger<HistoryRetentionService> logger)
    : BackgroundService
{
    private static readonly TimeSpan TimeOfDay = new(3, 30, 0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var (versions, changes) = await retention.PurgeAsync(stoppingToken);
                logger.LogInformation("History retention removed {Versions} versions and {Changes} changes", versions, changes);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "History retention failed; it runs again at the next scheduled time");
            }
            await Task.Delay(UntilNextRun(clock.GetUtcNow().UtcDateTime), clock, stoppingToken);
        }
    }

    public static TimeSpan UntilNextRun(DateTime now)
    {
        var next = now.Date + TimeOfDay;
        return (next > now ? next : next.AddDays(1)) - now;
    }
}
