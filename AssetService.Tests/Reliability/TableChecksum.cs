using Dapper;
using Npgsql;

namespace AssetService.Tests.Reliability;

/// <summary>One digest over the rows of every table but the migration journal.</summary>
public static class TableChecksum
{
    private const string TablesSql = """
        SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schemaversions'
        ORDER BY table_name
        """;

    public static async Task<string> OfAllTablesAsync(NpgsqlDataSource db)
    {
        await using var connection = await db.OpenConnectionAsync();
        var tables = (await connection.QueryAsync<string>(TablesSql)).ToArray();
        // Table names come from the catalogue, never from input.
        var sql = string.Join(" || ", tables.Select(t =>
            $"'{t}:' || coalesce((SELECT md5(string_agg(md5(x::text), '' ORDER BY md5(x::text))) FROM \"{t}\" x), '-')"));
        return await connection.QuerySingleAsync<string>($"SELECT {sql}");
    }
}
