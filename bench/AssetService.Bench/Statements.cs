using Npgsql;

namespace AssetService.Bench;

/// <summary>
/// Statements a request costs, counted by pg_stat_statements (preloaded by scripts/postgres.sh): an N+1
/// pattern shows as a figure above 1 that grows with the page. Transaction control and pool resets are
/// not queries and are left out. Null where the server lacks the module.
/// </summary>
public static class Statements
{
    private const string CallsSql = """
        SELECT coalesce(sum(calls), 0)::bigint FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND query NOT ILIKE '%pg_stat_statements%'
          AND query !~* '^(BEGIN|COMMIT|ROLLBACK|DISCARD|CLOSE ALL|RESET ALL|UNLISTEN|SET SESSION AUTHORIZATION|SELECT pg_advisory_unlock_all)'
        """;

    public static async Task<double?> PerRequestAsync(NpgsqlDataSource db, int requests, Func<int, Task> call)
    {
        try
        {
            await ExecuteAsync(db, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            await ExecuteAsync(db, "SELECT pg_stat_statements_reset()");
        }
        catch (PostgresException)
        {
            return null;
        }
        for (var i = 0; i < requests; i++) await call(i);
        await using var command = db.CreateCommand(CallsSql);
        return (long)(await command.ExecuteScalarAsync())! / (double)requests;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
