using AssetService.Core.Common;
using Dapper;
using Npgsql;

namespace AssetService.Core.Changes;

/// <summary>
/// The change feed. A change becomes visible only once every transaction with a smaller id has ended
/// (its xid is below the snapshot's xmin), so a transaction that started early and commits late can
/// never land behind a cursor already handed out: following <c>next</c> sees each change exactly once.
/// </summary>
public sealed class ChangesService(NpgsqlDataSource db)
{
    private const string KnownSql = "SELECT EXISTS (SELECT 1 FROM changes WHERE xid = @Xid AND id = @Id)";

    private const string Columns = "xid, id, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows";

    private const string ListSql = $"""
        SELECT {Columns}
        FROM changes
        WHERE (xid, id) > (@Xid, @Id)
          AND xid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
        ORDER BY xid, id
        LIMIT @Limit
        """;

    // A filtered poll reads each asset's (entity's, or asset's and entity's) changes in cursor order
    // from its index (changes_by_asset, changes_by_entity, changes_by_asset_entity: migration 0009), at
    // most a page of each, and merges them: a scan from the cursor would read every other asset's
    // changes to find the few of these.
    private const string ListOfAssetsSql = $"""
        SELECT c.* FROM (SELECT DISTINCT unnest(@AssetIds::text[]) AS asset_id) AS a
        CROSS JOIN LATERAL (
            SELECT {Columns}
            FROM changes
            WHERE asset_id = a.asset_id AND (xid, id) > (@Xid, @Id)
              AND xid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
            ORDER BY xid, id
            LIMIT @Limit) AS c
        ORDER BY c.xid, c.id
        LIMIT @Limit
        """;

    private const string ListOfAssetEntitiesSql = $"""
        SELECT c.* FROM (SELECT DISTINCT unnest(@AssetIds::text[]) AS asset_id) AS a
        CROSS JOIN (SELECT DISTINCT unnest(@Entities::text[]) AS entity) AS e
        CROSS JOIN LATERAL (
            SELECT {Columns}
            FROM changes
            WHERE asset_id = a.asset_id AND entity = e.entity AND (xid, id) > (@Xid, @Id)
              AND xid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
            ORDER BY xid, id
            LIMIT @Limit) AS c
        ORDER BY c.xid, c.id
        LIMIT @Limit
        """;

    private const string ListOfEntitiesSql = $"""
        SELECT c.* FROM (SELECT DISTINCT unnest(@Entities::text[]) AS entity) AS e
        CROSS JOIN LATERAL (
            SELECT {Columns}
            FROM changes
            WHERE entity = e.entity AND (xid, id) > (@Xid, @Id)
              AND xid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
            ORDER BY xid, id
            LIMIT @Limit) AS c
        ORDER BY c.xid, c.id
        LIMIT @Limit
        """;

    public async Task<ChangeList> ListAsync(ChangesQuery query, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        if (!query.After.IsStart &&
            !await connection.ExecuteScalarAsync<bool>(new CommandDefinition(KnownSql, new { query.After.Xid, query.After.Id }, cancellationToken: ct)))
            throw RequestValidationException.Single("value_error", Loc.Query["after"],
                "'after' names no change that is still kept: restart without 'after' (from the oldest change kept)");
        var sql = (query.AssetIds, query.Entities) switch
        {
            (null, null) => ListSql,
            (null, _) => ListOfEntitiesSql,
            (_, null) => ListOfAssetsSql,
            _ => ListOfAssetEntitiesSql,
        };
        var rows = (await connection.QueryAsync<ChangeRow>(new CommandDefinition(sql, new
        {
            query.After.Xid, query.After.Id, Entities = query.Entities?.ToArray(), AssetIds = query.AssetIds?.ToArray(), query.Limit,
        }, cancellationToken: ct))).AsList();
        var changes = rows.Select(r => new Change(new ChangeCursor(r.Xid, r.Id).ToString(), r.ChangedAt, r.ChangedBy, r.Entity,
            r.Operation, r.AssetId, r.SiteId, r.FromTime, r.ToTime, r.Rows)).ToArray();
        return new ChangeList(changes, changes.Length > 0 ? changes[^1].Cursor : query.After.ToString());
    }

    private sealed record ChangeRow
    {
        public long Xid { get; init; }
        public long Id { get; init; }
        public DateTime ChangedAt { get; init; }
        public string ChangedBy { get; init; } = "";
        public string Entity { get; init; } = "";
        public string Operation { get; init; } = "";
        public string? AssetId { get; init; }
        public string? SiteId { get; init; }
        public DateTime? FromTime { get; init; }
        public DateTime? ToTime { get; init; }
        public int Rows { get; init; }
    }
}
