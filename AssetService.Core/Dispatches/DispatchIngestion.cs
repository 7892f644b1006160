using AssetService.Core.Changes;
using AssetService.Core.Assets;
using AssetService.Core.Common;
using AssetService.Core.Ingestion;
using Dapper;
using Npgsql;

namespace AssetService.Core.Dispatches;

/// <summary>
/// Stores the events of one dispatch message in one transaction. The first write of a <c>dispatch_id</c>
/// wins: an identical replay writes nothing, a replay with other content dead-letters the whole message.
/// </summary>
public sealed class DispatchIngestion(NpgsqlDataSource db) : IMessageIngestion
{
    private const string Unnest = """
        unnest(@Ids::uuid[], @AssetIds::text[], @StartTimes::timestamptz[], @EndTimes::timestamptz[], @Powers::numeric[],
               @Markets::text[], @Sources::text[], @IssuedAts::timestamptz[], @DeliveryDays::date[])
            AS e(dispatch_id, asset_id, start_time, end_time, power, market, source, issued_at, delivery_day)
        """;

    // Inserted in key order, so that two concurrent batches sharing ids wait on each other instead of deadlocking.
    private const string InsertSql = $"""
        INSERT INTO dispatches (dispatch_id, asset_id, start_time, end_time, delivery_day, power, market, source, issued_at, received_at)
        SELECT e.dispatch_id, e.asset_id, e.start_time, e.end_time, e.delivery_day, e.power, e.market, e.source, e.issued_at, @ReceivedAt
        FROM {Unnest}
        ORDER BY e.dispatch_id
        ON CONFLICT (dispatch_id) DO NOTHING
        """;

    // A separate statement after the insert: under READ COMMITTED it sees rows that a concurrent
    // transaction committed while our insert waited on them, so a differing replay is never missed.
    private const string ConflictsSql = $"""
        SELECT e.dispatch_id AS id, array_remove(ARRAY[
                CASE WHEN d.asset_id <> e.asset_id THEN 'asset_id' END,
                CASE WHEN d.start_time <> e.start_time THEN 'start_time' END,
                CASE WHEN d.end_time <> e.end_time THEN 'end_time' END,
                CASE WHEN d.power <> e.power THEN 'power' END,
                CASE WHEN d.market IS DISTINCT FROM e.market THEN 'market' END,
                CASE WHEN d.source <> e.source THEN 'source' END,
                CASE WHEN d.issued_at <> e.issued_at THEN 'issued_at' END], NULL) AS fields
        FROM {Unnest}
        JOIN dispatches d ON d.dispatch_id = e.dispatch_id
        WHERE (d.asset_id, d.start_time, d.end_time, d.power, d.market, d.source, d.issued_at)
              IS DISTINCT FROM (e.asset_id, e.start_time, e.end_time, e.power, e.market, e.source, e.issued_at)
        ORDER BY e.dispatch_id
        """;

    public Task<IngestionOutcome> IngestAsync(IncomingMessage message, CancellationToken ct) =>
        MessageBody.TryBind(message, DispatchMessage.Bind, out var events, out var rejection)
            ? AuthoredWrite.RunAsync(db, Author.ServiceBus, WriteOwners.Assets(events.Select(e => e.AssetId)), write => IngestAsync(write, events, ct), ct)
            : Task.FromResult(rejection);

    private static async Task<IngestionOutcome> IngestAsync(AuthoredWrite write, IReadOnlyList<DispatchEvent> events, CancellationToken ct)
    {
        var (connection, transaction) = (write.Connection, write.Transaction);
        var regions = await AssetRegions.LoadAsync(connection, events.Select(e => e.AssetId), ct, transaction);
        var unknown = events.Select(e => e.AssetId).Where(id => !regions.ContainsKey(id)).Distinct().Order(StringComparer.Ordinal).ToArray();
        if (unknown.Length > 0)
            return IngestionOutcome.DeadLetter(DeadLetterReasons.UnknownAsset,
                MessageBody.Truncate($"Unknown asset ids: {string.Join(", ", unknown)}; no event of this message was stored"));

        var rows = Rows(events, regions, write.Instant);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(InsertSql, rows, transaction, cancellationToken: ct));
        if (inserted < events.Count)
        {
            var conflicts = (await connection.QueryAsync<Conflict>(new CommandDefinition(ConflictsSql, rows, transaction, cancellationToken: ct))).AsList();
            if (conflicts.Count > 0) return ConflictingReplay(conflicts); // disposing the transaction rolls back this message's inserts
        }
        await transaction.CommitAsync(ct);
        return IngestionOutcome.Completed;
    }

    private static object Rows(IReadOnlyList<DispatchEvent> events, IReadOnlyDictionary<string, string> regions, DateTime receivedAt) => new
    {
        Ids = events.Select(e => e.DispatchId).ToArray(),
        AssetIds = events.Select(e => e.AssetId).ToArray(),
        StartTimes = events.Select(e => e.StartTime).ToArray(),
        EndTimes = events.Select(e => e.EndTime).ToArray(),
        Powers = events.Select(e => e.Power).ToArray(),
        Markets = events.Select(e => e.Market).ToArray(),
        Sources = events.Select(e => e.Source).ToArray(),
        IssuedAts = events.Select(e => e.IssuedAt).ToArray(),
        DeliveryDays = events.Select(e => DeliveryDay.Of(e.StartTime, regions[e.AssetId])).ToArray(),
        ReceivedAt = receivedAt,
    };

    private static IngestionOutcome ConflictingReplay(IReadOnlyList<Conflict> conflicts)
    {
        var listed = conflicts.Take(10).Select(c => $"{c.Id} (differs in {string.Join(", ", c.Fields ?? [])})");
        var more = conflicts.Count > 10 ? $" and {conflicts.Count - 10} more" : "";
        return IngestionOutcome.DeadLetter(DeadLetterReasons.ConflictingReplay, MessageBody.Truncate(
            $"Already stored with different content, the first write wins: dispatch_id {string.Join(", ", listed)}{more}; " +
            "no event of this message was stored"));
    }

    // Init properties: Dapper reads a text[] column as System.Array, which no positional constructor matches.
    private sealed record Conflict
    {
        public Guid Id { get; init; }
        public string[]? Fields { get; init; }
    }
}
