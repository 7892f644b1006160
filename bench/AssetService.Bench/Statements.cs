using Npgsql;

namespace AssetService.Bench;

/// <summary>
/// Statements a request costs, from the database's own transaction counter: each autocommitted
/// statement is one transaction, so an N+1 pattern shows as a figure that grows with the page.
/// </summary>
public static class Statements
{
    public static async Task<double> PerRequestAsync(NpgsqlDataSource db, string database, int requests, Func<int, Task> call)
    {
        var before = await TransactionsAsync(db, database);
        for (var i = 0; i < requests; i++) await call(i);
        var after = await TransactionsAsync(db, database);
        return (after - before - 1) / (double)requests;
    }

    // Statistics reach the shared counters when a backend goes idle, at most once a second.
    private static async Task<long> TransactionsAsync(NpgsqlDataSource db, string database)
    {
        await Task.Delay(1_500);
        await using var command = db.CreateCommand("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = $1");
        command.Parameters.AddWithValue(database);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
