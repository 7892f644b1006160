using AssetService.Core.Changes;
using AssetService.Core.Common;
using Dapper;
using Npgsql;

namespace AssetService.Core.Assets;

public sealed class AssetsService(NpgsqlDataSource db)
{
    private const string Columns = "id, code, name, type, region, delivery_area, lifecycle, provider, go_live_date, created_at, updated_at";

    private const string InsertSql = $"""
        INSERT INTO assets (id, code, name, type, region, delivery_area, provider, created_at, updated_at)
        VALUES (next_id(@IdPrefix), @Code, @Name, @Type, @Region, @DeliveryArea, @Provider, @Now, @Now)
        RETURNING {Columns}
        """;

    public Task<Asset> CreateAsync(CreateAssetRequest request, Author author, CancellationToken ct) =>
        AuthoredWrite.RunAsync(db, author, WriteOwners.None, async write =>
        {
            var asset = await write.Connection.QuerySingleAsync<Asset>(new CommandDefinition(InsertSql, new
            {
                request.IdPrefix, request.Code, request.Name, request.Type, request.Region, request.DeliveryArea, request.Provider,
                Now = write.Instant,
            }, write.Transaction, cancellationToken: ct));
            await write.CommitAsync(ct);
            return asset;
        }, ct);

    private const string ListSql = $"""
        SELECT {Columns}
        FROM assets
        WHERE (@Type::text IS NULL OR type = @Type)
          AND (@Region::text IS NULL OR region = @Region)
          AND (@Lifecycle::text IS NULL OR lifecycle = @Lifecycle)
          AND (@DeliveryArea::text IS NULL OR delivery_area = @DeliveryArea)
          AND (@Provider::text IS NULL OR provider = @Provider)
        ORDER BY id
        LIMIT @Limit OFFSET @Offset
        """;

    private static readonly string ListSqlAsOf = AsOf.Sql(ListSql);

    public Task<AssetList> ListAsync(AssetListQuery query, CancellationToken ct) => ListAsync(query, null, ct);

    /// <summary>The same read over the state at <paramref name="asOf"/> (contract 6.1), or the current state when null.</summary>
    public async Task<AssetList> ListAsync(AssetListQuery query, DateTime? asOf, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var assets = await connection.QueryAsync<Asset>(new CommandDefinition(asOf is null ? ListSql : ListSqlAsOf, new
        {
            AsOf = asOf,
            query.Type, query.Region, query.Lifecycle, query.DeliveryArea, query.Provider, query.Page.Limit, query.Page.Offset,
        }, cancellationToken: ct));
        return new AssetList(assets.AsList(), query.Page.Limit, query.Page.Offset);
    }

    private const string GetSql = $"SELECT {Columns} FROM assets WHERE id = @Id";

    private static readonly string GetSqlAsOf = AsOf.Sql(GetSql);

    public Task<Asset> GetAsync(string id, CancellationToken ct) => GetAsync(id, null, ct);

    /// <summary>The asset as it was at <paramref name="asOf"/> (contract 6.1), or as it is when null.</summary>
    public async Task<Asset> GetAsync(string id, DateTime? asOf, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<Asset>(new CommandDefinition(asOf is null ? GetSql : GetSqlAsOf,
                   new { Id = id, AsOf = asOf }, cancellationToken: ct))
               ?? throw (asOf is { } at ? AsOf.NotFoundThen("Asset", id, at) : NotFound(id));
    }

    private const string PatchSql = $"""
        UPDATE assets SET
            name = COALESCE(@Name, name),
            type = COALESCE(@Type, type),
            provider = COALESCE(@Provider, provider),
            go_live_date = CASE WHEN @SetGoLiveDate THEN @GoLiveDate ELSE go_live_date END,
            updated_at = @Now
        WHERE id = @Id
        RETURNING {Columns}
        """;

    public Task<Asset> PatchAsync(string id, PatchAssetRequest patch, Author author, CancellationToken ct) =>
        AuthoredWrite.RunAsync(db, author, WriteOwners.Asset(id), async write =>
        {
            var asset = await write.Connection.QuerySingleOrDefaultAsync<Asset>(new CommandDefinition(PatchSql, new
            {
                Id = id,
                Name = patch.Name.Value,
                Type = patch.Type.Value,
                Provider = patch.Provider.Value,
                SetGoLiveDate = patch.GoLiveDate.IsPresent,
                GoLiveDate = patch.GoLiveDate.IsNull ? (DateOnly?)null : patch.GoLiveDate.Value,
                Now = write.Instant,
            }, write.Transaction, cancellationToken: ct)) ?? throw NotFound(id);
            await write.CommitAsync(ct);
            return asset;
        }, ct);

    private const string TransitionSql = $"""
        UPDATE assets SET
            lifecycle = @To,
            go_live_date = CASE WHEN @To = 'LIVE' AND @From = 'COMMISSIONING' THEN COALESCE(go_live_date, @Today) ELSE go_live_date END,
            updated_at = @Now
        WHERE id = @Id AND lifecycle = @From
        RETURNING {Columns}
        """;

    private const string LifecycleSql = "SELECT lifecycle FROM assets WHERE id = @Id";

    /// <summary>
    /// The conditional UPDATE decides. When it moved nothing, the answer comes from a fresh read in a new
    /// statement: under READ COMMITTED only a new statement sees what a concurrent transaction committed
    /// while the UPDATE waited (a deleted row, another lifecycle), also within this transaction, so the
    /// refusal names the state that refused it.
    /// </summary>
    public Task<Asset> TransitionAsync(string id, LifecycleAction action, Author author, CancellationToken ct) =>
        AuthoredWrite.RunAsync(db, author, WriteOwners.Asset(id), async write =>
        {
            while (true)
            {
                var moved = await write.Connection.QuerySingleOrDefaultAsync<Asset>(new CommandDefinition(TransitionSql, new
                {
                    Id = id, action.From, action.To, Now = write.Instant, Today = DateOnly.FromDateTime(write.Instant),
                }, write.Transaction, cancellationToken: ct));
                if (moved is not null)
                {
                    await write.CommitAsync(ct);
                    return moved;
                }
                var lifecycle = await LifecycleAsync(write, id, ct);
                // The asset reached the expected state after the UPDATE took its snapshot: try again.
                if (lifecycle != action.From)
                    throw new ConflictException($"Cannot {action.Name} asset {id}: lifecycle is {lifecycle}, expected {action.From}");
            }
        }, ct);

    private const string DeleteSql = "DELETE FROM assets WHERE id = @Id AND lifecycle = ANY(@Deletable)";

    /// <summary>
    /// Deletes a draft or decommissioned asset; its period data and links cascade, dispatches stay. As for
    /// transitions, a delete that removed nothing is explained by a fresh read: 404 when a concurrent delete won.
    /// </summary>
    public Task DeleteAsync(string id, Author author, CancellationToken ct) =>
        AuthoredWrite.RunAsync(db, author, WriteOwners.Asset(id), async write =>
        {
            while (true)
            {
                var removed = await write.Connection.ExecuteAsync(
                    new CommandDefinition(DeleteSql, new { Id = id, Deletable = Lifecycle.Deletable.ToArray() }, write.Transaction, cancellationToken: ct));
                if (removed > 0)
                {
                    await write.CommitAsync(ct);
                    return;
                }
                var lifecycle = await LifecycleAsync(write, id, ct);
                if (!Lifecycle.AllowsDelete(lifecycle))
                    throw new ConflictException($"Cannot delete asset {id}: lifecycle is {lifecycle}, expected {string.Join(" or ", Lifecycle.Deletable)}");
            }
        }, ct);

    private static async Task<string> LifecycleAsync(AuthoredWrite write, string id, CancellationToken ct) =>
        await write.Connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(LifecycleSql, new { Id = id }, write.Transaction, cancellationToken: ct))
        ?? throw NotFound(id);

    public static NotFoundException NotFound(string id) => new($"Asset {id} not found");
}
