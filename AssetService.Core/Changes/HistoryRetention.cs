using Dapper;
using Npgsql;

namespace AssetService.Core.Changes;

/// <summary>Removes history versions and changes older than <see cref="HistorySettings.RetentionDays"/>.</summary>
public sealed class HistoryRetention(NpgsqlDataSource db, TimeProvider clock, HistorySettings settings)
{
    /// <summary>Daily: the timer function and the LocalHost background service run on this schedule.</summary>
    public const string Schedule = "0 30 3 * * *";
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    /// <summary>Rows per table and call of purge_history: each call is its own short transaction.</summary>
    public const int BatchSize = 5_000;

    // A version that ended before the cutoff can answer no as_of that is still allowed. The period
    // tables keep a day of slot versions per row: their count is the slots removed. purge_history
    // (migration 0009) runs as the migration role: the app's role may not delete history itself.
    private const string PurgeSql = """
        SELECT removed_rows, removed_versions, removed_changes FROM purge_history(@Cutoff, @Batch)
        """;

    /// <summary>Purges in batches until nothing older than the cutoff is left; autocommit, so no batch waits for the next.</summary>
    public async Task<(long Versions, long Changes)> PurgeAsync(CancellationToken ct)
    {
        var cutoff = settings.OldestAnswerable(clock.GetUtcNow().UtcDateTime);
        await using var connection = await db.OpenConnectionAsync(ct);
        var (versions, changes) = (0L, 0L);
        while (true)
        {
            var (rows, v, c) = await connection.QuerySingleAsync<(long, long, long)>(new CommandDefinition(PurgeSql,
                new { Cutoff = cutoff, Batch = BatchSize }, commandTimeout: 0, cancellationToken: ct));
            (versions, changes) = (versions + v, changes + c);
            if (rows == 0) return (versions, changes);
        }
    }
}
