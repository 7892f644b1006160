using System.Diagnostics;
using System.Text.Json;
using AssetService.Core.Dispatches;
using AssetService.Core.Ingestion;
using Dapper;
using Npgsql;

namespace AssetService.Bench;

public sealed record IngestResult(int Events, int BatchSize, double EventsPerSecond, double ReplayEventsPerSecond, long RowsWrittenByReplay);

/// <summary>Dispatch events in messages of 1,000 through the Core handler, then the same messages again.</summary>
public static class Ingest
{
    public static async Task<IngestResult> RunAsync(NpgsqlDataSource db, int events = 100_000, int batchSize = 1_000)
    {
        var ingestion = new DispatchIngestion(db);
        var messages = Messages(events, batchSize);
        var before = await CountAsync(db);
        var first = await DeliverAsync(ingestion, messages);
        var stored = await CountAsync(db);
        var replay = await DeliverAsync(ingestion, messages);
        var afterReplay = await CountAsync(db);
        if (stored - before != events) throw new InvalidOperationException($"Expected {events} new rows, got {stored - before}");
        return new IngestResult(events, batchSize, events / first, events / replay, afterReplay - stored);
    }

    private static IReadOnlyList<IncomingMessage> Messages(int events, int batchSize)
    {
        var start = new DateTime(2027, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        return Enumerable.Range(0, (events + batchSize - 1) / batchSize).Select(b =>
        {
            var batch = Enumerable.Range(b * batchSize, Math.Min(batchSize, events - b * batchSize)).Select(i => new
            {
                dispatch_id = Guid.NewGuid(),
                asset_id = Seeder.AssetId(i % 100),
                start_time = start.AddMinutes(15 * (i / 100)),
                end_time = start.AddMinutes(15 * (i / 100 + 1)),
                power = Math.Round((i % 200 - 100) / 10.0m, 1),
                market = i % 3 == 0 ? null : "INTRADAY",
                source = "OPTIMISATION",
                issued_at = start.AddMinutes(15 * (i / 100) - 30),
            });
            return IncomingMessage.FromBytes(JsonSerializer.SerializeToUtf8Bytes(new { dispatches = batch }), $"bench-{b}");
        }).ToArray();
    }

    private static async Task<double> DeliverAsync(DispatchIngestion ingestion, IReadOnlyList<IncomingMessage> messages)
    {
        var clock = Stopwatch.StartNew();
        foreach (var message in messages)
            if (await ingestion.IngestAsync(message, CancellationToken.None) is DeadLettered dead)
                throw new InvalidOperationException($"{dead.Reason}: {dead.Description}");
        return clock.Elapsed.TotalSeconds;
    }

    private static async Task<long> CountAsync(NpgsqlDataSource db)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM dispatches");
    }
}
