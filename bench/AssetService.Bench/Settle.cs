using Npgsql;

namespace AssetService.Bench;

/// <summary>
/// Leaves PostgreSQL quiet before the throughput figures. Seeding 10M rows leaves minutes of WAL-triggered,
/// spread-out checkpoint writing and possibly autovacuum behind; measured while they run, the figures drop,
/// and whichever figure happens to run later gains against the ones before it.
/// </summary>
public static class Settle
{
    private const string AutovacuumWorkers = """
        SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'
        """;

    public static async Task Async(NpgsqlDataSource db)
    {
        await using (var checkpoint = db.CreateCommand("CHECKPOINT"))
        {
            checkpoint.CommandTimeout = 0;
            await checkpoint.ExecuteNonQueryAsync();
        }
        for (var waited = 0; waited < 120; waited++)
        {
            await using var workers = db.CreateCommand(AutovacuumWorkers);
            if ((long)(await workers.ExecuteScalarAsync())! == 0) return;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        Console.WriteLine("settle: autovacuum still running after 120 s; measuring anyway");
    }
}
