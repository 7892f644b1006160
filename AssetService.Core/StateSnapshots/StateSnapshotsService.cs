using System.Globalization;
using AssetService.Core.Assets;
using AssetService.Core.Changes;
using AssetService.Core.Common;
using Dapper;
using Npgsql;

namespace AssetService.Core.StateSnapshots;

public sealed class StateSnapshotsService(NpgsqlDataSource db)
{
    internal const string Columns = "asset_id, effective_at, stored_energy, charged_energy, discharged_energy, created_at, updated_at";

    private const string UpsertSql = $"""
        INSERT INTO state_snapshots AS t ({Columns})
        SELECT r.asset_id, r.effective_at, r.stored_energy, r.charged_energy, r.discharged_energy, @Now, @Now
        FROM unnest(@AssetIds::text[], @EffectiveAts::timestamptz[], @StoredEnergy::numeric[], @ChargedEnergy::numeric[],
            @DischargedEnergy::numeric[]) AS r(asset_id, effective_at, stored_energy, charged_energy, discharged_energy)
        ON CONFLICT (asset_id, effective_at) DO UPDATE SET
            stored_energy = EXCLUDED.stored_energy,
            charged_energy = EXCLUDED.charged_energy,
            discharged_energy = EXCLUDED.discharged_energy,
            updated_at = EXCLUDED.updated_at
        RETURNING {Columns}
        """;

    /// <summary>One atomic upsert; answers the rows as stored, in the order of the request.</summary>
    public Task<StateSnapshotsWritten> UpsertAsync(UpsertStateSnapshotsRequest request, Author author, CancellationToken ct) =>
        AuthoredWrite.RunAsync(db, author, WriteOwners.Assets(request.StateSnapshots.Select(e => e.AssetId)), write => UpsertAsync(write, request, ct), ct);

    private static async Task<StateSnapshotsWritten> UpsertAsync(AuthoredWrite write, UpsertStateSnapshotsRequest request, CancellationToken ct)
    {
        var known = await AssetRegions.LoadAsync(write.Connection, request.StateSnapshots.Select(e => e.AssetId), ct, write.Transaction);
        ThrowForUnknownAssets(request.StateSnapshots, known);

        // Key order, so that concurrent batches lock rows in the same order and cannot deadlock.
        var rows = request.StateSnapshots.OrderBy(e => e.AssetId, StringComparer.Ordinal).ThenBy(e => e.EffectiveAt).ToArray();
        var stored = await write.Connection.QueryAsync<StateSnapshot>(new CommandDefinition(UpsertSql, new
        {
            AssetIds = rows.Select(r => r.AssetId).ToArray(),
            EffectiveAts = rows.Select(r => r.EffectiveAt).ToArray(),
            StoredEnergy = rows.Select(r => r.StoredEnergy).ToArray(),
            ChargedEnergy = rows.Select(r => r.ChargedEnergy).ToArray(),
            DischargedEnergy = rows.Select(r => r.DischargedEnergy).ToArray(),
            Now = write.Instant,
        }, write.Transaction, cancellationToken: ct));
        await write.CommitAsync(ct);

        var byKey = stored.ToDictionary(s => (s.AssetId, s.EffectiveAt));
        return new StateSnapshotsWritten(request.StateSnapshots.Select(e => byKey[(e.AssetId, e.EffectiveAt)]).ToArray());
    }

    private static void ThrowForUnknownAssets(IReadOnlyList<StateSnapshotEntry> entries, IReadOnlyDictionary<string, string> known)
    {
        var problems = new Problems();
        foreach (var entry in entries.Where(e => !known.ContainsKey(e.AssetId)))
            problems.Add("value_error", Loc.Body["state_snapshots"][entry.Position]["asset_id"], $"Unknown asset id {entry.AssetId}");
        problems.ThrowIfAny();
    }

    /// <summary>The newest snapshot of each asset asked for, all of them (CSV) or a page (<see cref="LatestSql"/>).</summary>
    internal const string AllLatestSql = $"""
        SELECT s.*
        FROM unnest(@AssetIds::text[]) AS a(id)
        CROSS JOIN LATERAL (
            SELECT {Columns}
            FROM state_snapshots
            WHERE asset_id = a.id
            ORDER BY effective_at DESC
            LIMIT 1) s
        ORDER BY s.asset_id
        """;

    private const string LatestSql = AllLatestSql + "\nLIMIT @Limit OFFSET @Offset";

    private const string RangeSql = $"""
        SELECT {Columns}
        FROM state_snapshots
        WHERE asset_id = ANY(@AssetIds) AND effective_at >= @From AND effective_at < @To
        ORDER BY effective_at, asset_id
        LIMIT @Limit OFFSET @Offset;

        SELECT asset_id, sum(charged_energy)::text AS charged, sum(discharged_energy)::text AS discharged
        FROM state_snapshots
        WHERE asset_id = ANY(@AssetIds) AND effective_at >= @From AND effective_at < @To
        GROUP BY asset_id
        ORDER BY asset_id;
        """;

    // A sum of values within PhysicalBounds stays far inside decimal's range, but can carry more digits
    // than a decimal holds (1000000 + 1E-28), which Npgsql refuses to convert: parsing the text rounds them.
    private static decimal? Total(string? sum) => sum is null ? null : decimal.Parse(sum, NumberStyles.Float, CultureInfo.InvariantCulture);

    public async Task<StateSnapshotList> ListAsync(StateSnapshotsQuery query, CancellationToken ct)
    {
        var args = new { AssetIds = query.AssetIds.ToArray(), query.From, query.To, query.Page.Limit, query.Page.Offset };
        await using var connection = await db.OpenConnectionAsync(ct);
        if (query.Latest)
        {
            var latest = await connection.QueryAsync<StateSnapshot>(new CommandDefinition(LatestSql, args, cancellationToken: ct));
            return new StateSnapshotList(latest.AsList(), query.Page.Limit, query.Page.Offset,
                new Dictionary<string, decimal?>(), new Dictionary<string, decimal?>());
        }
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(RangeSql, args, cancellationToken: ct));
        var snapshots = (await results.ReadAsync<StateSnapshot>()).AsList();
        var totals = (await results.ReadAsync<(string AssetId, string? Charged, string? Discharged)>()).AsList();
        return new StateSnapshotList(snapshots, query.Page.Limit, query.Page.Offset,
            totals.ToDictionary(t => t.AssetId, t => Total(t.Charged)), totals.ToDictionary(t => t.AssetId, t => Total(t.Discharged)));
    }
}
