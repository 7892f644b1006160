using Dapper;
using Npgsql;

namespace AssetService.Core.Changes;

/// <summary>Removes history versions and changes older than <see cref="HistorySettings.RetentionDays"/>.</summary>
public sealed class HistoryRetention(NpgsqlDataSource db, TimeProvider clock, HistorySettings settings)
{
    /// <summary>Daily: the timer function and the LocalHost background service run on this schedule.</summary>
    public const string Schedule = "0 30 3 * * *";
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    // A version that ended before the cutoff can answer no as_of that is still allowed. The period
    // tables keep a day of slot versions per row: their count is the slots removed.
    private const string PurgeSql = """
        WITH a AS (DELETE FROM assets_history WHERE valid_until < @Cutoff RETURNING 1),
        s AS (DELETE FROM specs_history WHERE valid_until < @Cutoff RETURNING 1),
        l AS (DELETE FROM asset_limits_history WHERE valid_until < @Cutoff RETURNING cardinality(start_time) AS n),
        f AS (DELETE FROM forecasts_history WHERE valid_until < @Cutoff RETURNING cardinality(start_time) AS n),
        r AS (DELETE FROM reservations_history WHERE valid_until < @Cutoff RETURNING cardinality(start_time) AS n),
        si AS (DELETE FROM sites_history WHERE valid_until < @Cutoff RETURNING 1),
        i AS (DELETE FROM inverters_history WHERE valid_until < @Cutoff RETURNING 1),
        ia AS (DELETE FROM inverter_assets_history WHERE valid_until < @Cutoff RETURNING 1),
        sl AS (DELETE FROM site_limits_history WHERE valid_until < @Cutoff RETURNING cardinality(start_time) AS n),
        il AS (DELETE FROM inverter_limits_history WHERE valid_until < @Cutoff RETURNING cardinality(start_time) AS n),
        c AS (DELETE FROM changes WHERE changed_at < @Cutoff RETURNING 1)
        SELECT (SELECT count(*) FROM a) + (SELECT count(*) FROM s) + (SELECT COALESCE(sum(n), 0) FROM l) + (SELECT COALESCE(sum(n), 0) FROM f)
             + (SELECT COALESCE(sum(n), 0) FROM r) + (SELECT count(*) FROM si) + (SELECT count(*) FROM i) + (SELECT count(*) FROM ia)
             + (SELECT COALESCE(sum(n), 0) FROM sl) + (SELECT COALESCE(sum(n), 0) FROM il) AS versions,
               (SELECT count(*) FROM c) AS changes
        """;

    public async Task<(long Versions, long Changes)> PurgeAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleAsync<(long, long)>(new CommandDefinition(PurgeSql,
            new { Cutoff = settings.OldestAnswerable(clock.GetUtcNow().UtcDateTime) }, commandTimeout: 0, cancellationToken: ct));
    }
}
