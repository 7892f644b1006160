using Dapper;
using Npgsql;

namespace AssetService.Core.Assets;

/// <summary>Finds which of a batch's asset ids exist, and their regions, in one query.</summary>
public static class AssetRegions
{
    private const string Sql = "SELECT id, region FROM assets WHERE id = ANY(@Ids)";

    public static async Task<IReadOnlyDictionary<string, string>> LoadAsync(
        NpgsqlConnection connection, IEnumerable<string> ids, CancellationToken ct, NpgsqlTransaction? transaction = null)
    {
        var rows = await connection.QueryAsync<(string Id, string Region)>(
            new CommandDefinition(Sql, new { Ids = ids.Distinct().ToArray() }, transaction, cancellationToken: ct));
        return rows.ToDictionary(r => r.Id, r => r.Region);
    }

    /// <summary>Loads the regions and throws one 404 naming every unknown id.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> RequireAsync(
        NpgsqlConnection connection, IEnumerable<string> ids, CancellationToken ct, NpgsqlTransaction? transaction = null)
    {
        var wanted = ids.Distinct().ToArray();
        var regions = await LoadAsync(connection, wanted, ct, transaction);
        var unknown = wanted.Where(id => !regions.ContainsKey(id)).Order(StringComparer.Ordinal).ToArray();
        if (unknown.Length > 0) throw new Common.NotFoundException($"Unknown asset ids: {string.Join(", ", unknown)}");
        return regions;
    }
}
