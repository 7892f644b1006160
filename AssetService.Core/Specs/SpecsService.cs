using AssetService.Core.Changes;
using AssetService.Core.Assets;
using AssetService.Core.Common;
using Dapper;
using Npgsql;

namespace AssetService.Core.Specs;

/// <summary>
/// Writes spec versions. Every write for an asset first locks the asset row, so writes of one asset's
/// specs run one after another; the EXCLUDE constraint is the last word on overlapping windows.
/// </summary>
public sealed class SpecsService(NpgsqlDataSource db)
{
    // NO KEY UPDATE: serialises spec writers of this asset without blocking the foreign-key checks
    // of other features' inserts for it.
    private const string LockAssetSql = "SELECT id FROM assets WHERE id = @asset_id FOR NO KEY UPDATE";

    private const string UpdateSql = $"""
        UPDATE specs SET
            valid_to = CASE WHEN @set_valid_to THEN @valid_to::timestamptz ELSE valid_to END,
            rated_power = CASE WHEN @set_rated_power THEN @rated_power::numeric ELSE rated_power END,
            grid_connection_max_power = CASE WHEN @set_grid_connection_max_power THEN @grid_connection_max_power::numeric ELSE grid_connection_max_power END,
            max_capacity = CASE WHEN @set_max_capacity THEN @max_capacity::numeric ELSE max_capacity END,
            ramp_rate = CASE WHEN @set_ramp_rate THEN @ramp_rate::numeric ELSE ramp_rate END,
            ramp_type = CASE WHEN @set_ramp_type THEN @ramp_type::text ELSE ramp_type END,
            charge_efficiency = CASE WHEN @set_charge_efficiency THEN @charge_efficiency::numeric ELSE charge_efficiency END,
            discharge_efficiency = CASE WHEN @set_discharge_efficiency THEN @discharge_efficiency::numeric ELSE discharge_efficiency END,
            daily_cycle_energy_limit = CASE WHEN @set_daily_cycle_energy_limit THEN @daily_cycle_energy_limit::numeric ELSE daily_cycle_energy_limit END,
            prequalified_fcr = CASE WHEN @set_prequalified_fcr THEN @prequalified_fcr::numeric ELSE prequalified_fcr END,
            prequalified_afrr_charge = CASE WHEN @set_prequalified_afrr_charge THEN @prequalified_afrr_charge::numeric ELSE prequalified_afrr_charge END,
            prequalified_afrr_discharge = CASE WHEN @set_prequalified_afrr_discharge THEN @prequalified_afrr_discharge::numeric ELSE prequalified_afrr_discharge END,
            updated_at = @now
        WHERE asset_id = @asset_id AND valid_from = @valid_from
        RETURNING {SpecRow.Columns}
        """;

    private const string InsertSql = $"""
        INSERT INTO specs (asset_id, valid_from, valid_to, rated_power, grid_connection_max_power, max_capacity, ramp_rate,
            ramp_type, charge_efficiency, discharge_efficiency, daily_cycle_energy_limit, prequalified_fcr,
            prequalified_afrr_charge, prequalified_afrr_discharge, created_at, updated_at)
        VALUES (@asset_id, @valid_from, @valid_to::timestamptz, @rated_power::numeric, @grid_connection_max_power::numeric,
            @max_capacity::numeric, @ramp_rate::numeric, @ramp_type::text, @charge_efficiency::numeric, @discharge_efficiency::numeric,
            @daily_cycle_energy_limit::numeric, @prequalified_fcr::numeric, @prequalified_afrr_charge::numeric,
            @prequalified_afrr_discharge::numeric, @now, @now)
        RETURNING {SpecRow.Columns}
        """;

    private const string ActiveSql = "SELECT valid_from FROM specs WHERE asset_id = @asset_id AND valid_to IS NULL";

    private const string CloseActiveSql = """
        UPDATE specs SET valid_to = @valid_from, updated_at = @now
        WHERE asset_id = @asset_id AND valid_to IS NULL AND valid_from < @valid_from
        """;

    private const string ClashSql = """
        SELECT valid_from, valid_to FROM specs
        WHERE asset_id = @asset_id AND valid_from <> @valid_from
          AND tstzrange(valid_from, valid_to) && tstzrange(@valid_from, @valid_to::timestamptz)
        ORDER BY valid_from
        LIMIT 1
        """;

    /// <summary>
    /// The same (asset_id, valid_from) again is a partial update (200); otherwise a new version (201).
    /// A new open-ended version closes the active one at its valid_from and must start after it.
    /// </summary>
    public Task<(Spec Spec, bool Created)> PutAsync(SpecPut put, Author author, CancellationToken ct) =>
        AuthoredWrite.RunAsync(db, author, WriteOwners.Asset(put.AssetId), write => PutAsync(write, put, ct), ct);

    private static async Task<(Spec Spec, bool Created)> PutAsync(AuthoredWrite write, SpecPut put, CancellationToken ct)
    {
        var args = Parameters(put, write.Instant);
        var (connection, tx) = (write.Connection, write.Transaction);
        if (await connection.ExecuteScalarAsync<string?>(new CommandDefinition(LockAssetSql, args, tx, cancellationToken: ct)) is null)
            throw AssetsService.NotFound(put.AssetId);

        await tx.SaveAsync("write", ct);
        try
        {
            var updated = await connection.QuerySingleOrDefaultAsync<SpecRow>(new CommandDefinition(UpdateSql, args, tx, cancellationToken: ct));
            if (updated is not null)
            {
                await tx.CommitAsync(ct);
                return (updated.ToSpec(), false);
            }
            if (put.OpenEnded) await CloseActiveAsync(connection, tx, put, args, ct);
            var inserted = await connection.QuerySingleAsync<SpecRow>(new CommandDefinition(InsertSql, args, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            return (inserted.ToSpec(), true);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ExclusionViolation)
        {
            // Back to before the write (the active version still closed, as the insert saw it) to name the clash.
            await tx.RollbackAsync("write", ct);
            var clash = await connection.QuerySingleOrDefaultAsync<SpecWindow>(new CommandDefinition(ClashSql, args, tx, cancellationToken: ct));
            throw Overlap(put, clash);
        }
    }

    private static async Task CloseActiveAsync(NpgsqlConnection connection, NpgsqlTransaction tx, SpecPut put, DynamicParameters args, CancellationToken ct)
    {
        var active = await connection.QuerySingleOrDefaultAsync<DateTime?>(new CommandDefinition(ActiveSql, args, tx, cancellationToken: ct));
        if (active is { } from && put.ValidFrom <= from)
            throw RequestValidationException.Single("value_error", Loc.Body["valid_from"],
                $"valid_from must be after {Timestamps.Format(from)}, the valid_from of the active open-ended spec of asset {put.AssetId}");
        await connection.ExecuteAsync(new CommandDefinition(CloseActiveSql, args, tx, cancellationToken: ct));
    }

    private sealed record SpecWindow
    {
        public DateTime ValidFrom { get; init; }
        public DateTime? ValidTo { get; init; }
    }

    private static RequestValidationException Overlap(SpecPut put, SpecWindow? clash)
    {
        var window = Window(put.ValidFrom, put.ValidTo is { IsPresent: true, IsNull: false } ? put.ValidTo.Value : null);
        var msg = clash is { } c
            ? $"The window {window} overlaps the spec of asset {put.AssetId} valid {Window(c.ValidFrom, c.ValidTo)}; the spec windows of an asset may not overlap"
            : $"The window {window} overlaps another spec of asset {put.AssetId}; the spec windows of an asset may not overlap";
        return RequestValidationException.Single("value_error", Loc.Body, msg);
    }

    private static string Window(DateTime from, DateTime? to) =>
        $"[{Timestamps.Format(from)}, {(to is { } t ? Timestamps.Format(t) : "open end")})";

    private static DynamicParameters Parameters(SpecPut put, DateTime now)
    {
        var args = new DynamicParameters();
        args.Add("asset_id", put.AssetId);
        args.Add("valid_from", put.ValidFrom);
        args.Add("set_valid_to", put.ValidTo.IsPresent);
        args.Add("valid_to", put.ValidTo is { IsPresent: true, IsNull: false } ? put.ValidTo.Value : (DateTime?)null);
        args.Add("now", now);
        foreach (var field in put.Fields)
        {
            args.Add("set_" + field.Column, field.IsSet);
            args.Add(field.Column, field.Value);
        }
        return args;
    }

    private const string ListSql = $"""
        SELECT {SpecRow.Columns}
        FROM specs
        WHERE asset_id = ANY(@AssetIds)
          AND (@From::timestamptz IS NULL OR valid_from BETWEEN @From AND @To)
        ORDER BY asset_id, valid_from DESC
        LIMIT @Limit OFFSET @Offset
        """;

    // The window filters first; latest then keeps each asset's greatest valid_from within it.
    private const string LatestSql = $"""
        SELECT DISTINCT ON (asset_id) {SpecRow.Columns}
        FROM specs
        WHERE asset_id = ANY(@AssetIds)
          AND (@From::timestamptz IS NULL OR valid_from BETWEEN @From AND @To)
        ORDER BY asset_id, valid_from DESC
        LIMIT @Limit OFFSET @Offset
        """;

    private static readonly string ListSqlAsOf = AsOf.Sql(ListSql);
    private static readonly string LatestSqlAsOf = AsOf.Sql(LatestSql);

    public Task<SpecList> ListAsync(SpecQuery query, CancellationToken ct) => ListAsync(query, null, ct);

    /// <summary>The same read over the state at <paramref name="asOf"/> (contract 6.1), or the current state when null.</summary>
    public async Task<SpecList> ListAsync(SpecQuery query, DateTime? asOf, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<SpecRow>(new CommandDefinition(asOf is null ? (query.Latest ? LatestSql : ListSql) : (query.Latest ? LatestSqlAsOf : ListSqlAsOf), new
        {
            AsOf = asOf,
            AssetIds = query.AssetIds.ToArray(), query.From, query.To, query.Page.Limit, query.Page.Offset,
        }, cancellationToken: ct));
        return new SpecList(rows.Select(r => r.ToSpec()).ToArray(), query.Page.Limit, query.Page.Offset);
    }
}
