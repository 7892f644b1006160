// Ingests 100,000 dispatch events in messages of 1,000 through the Core handler, prints events per
// second, then replays every message and checks that the replay wrote no row.
// Usage: PostgresConnection=... dotnet run -c Release --project bench/IngestBench [-- events batch]
using System.Diagnostics;
using System.Text.Json;
using AssetService.Core.Assets;
using AssetService.Core.Database;
using AssetService.Core.Dispatches;
using AssetService.Core.Ingestion;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

var events = args.Length > 0 ? int.Parse(args[0]) : 100_000;
var batchSize = args.Length > 1 ? int.Parse(args[1]) : 1_000;
var server = Environment.GetEnvironmentVariable("PostgresConnection")
             ?? throw new InvalidOperationException("Set PostgresConnection (source scripts/postgres.sh && postgres_ensure .)");

var database = "bench_" + Guid.NewGuid().ToString("N")[..12];
await AdminAsync($"CREATE DATABASE {database}");
try
{
    DapperSetup.Configure();
    await using var db = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString);
    new DatabaseMigrator(db, NullLogger<DatabaseMigrator>.Instance).Migrate();
    var assets = new AssetsService(db, TimeProvider.System);
    var assetIds = new List<string>();
    foreach (var (region, area) in new[] { ("DE", "50HZ"), ("DE", "AMPN"), ("PL", "PSE"), ("DE", "TNBW") })
        assetIds.Add((await assets.CreateAsync(new CreateAssetRequest("BENCH", "Bench battery", "BESS", region, area, "EBX"), default)).Id);

    var messages = Messages(events, batchSize, assetIds);
    var ingestion = new DispatchIngestion(db, TimeProvider.System);

    var first = await RunAsync("first delivery", ingestion, messages);
    var stored = await CountAsync(db);
    var replay = await RunAsync("replay", ingestion, messages);
    var afterReplay = await CountAsync(db);

    Console.WriteLine($"events: {events:N0} in messages of {batchSize:N0}");
    Console.WriteLine($"first delivery: {first:N0} events/s ({stored:N0} rows)");
    Console.WriteLine($"replay:         {replay:N0} events/s ({afterReplay - stored:N0} rows written)");
    if (stored != events || afterReplay != stored) throw new InvalidOperationException("Row counts are wrong");
    Console.WriteLine(first >= 5_000 ? "target met: >= 5,000 events/s" : "TARGET MISSED: < 5,000 events/s");
}
finally
{
    NpgsqlConnection.ClearAllPools();
    await AdminAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
}

static IReadOnlyList<IncomingMessage> Messages(int events, int batchSize, IReadOnlyList<string> assetIds)
{
    var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    return Enumerable.Range(0, (events + batchSize - 1) / batchSize).Select(b =>
    {
        var batch = Enumerable.Range(b * batchSize, Math.Min(batchSize, events - b * batchSize)).Select(i => new
        {
            dispatch_id = Guid.NewGuid(),
            asset_id = assetIds[i % assetIds.Count],
            start_time = start.AddMinutes(15 * (i / assetIds.Count)),
            end_time = start.AddMinutes(15 * (i / assetIds.Count + 1)),
            power = Math.Round((i % 200 - 100) / 10.0m, 1),
            market = i % 3 == 0 ? null : "INTRADAY",
            source = "OPTIMISATION",
            issued_at = start.AddMinutes(15 * (i / assetIds.Count) - 30),
        });
        return IncomingMessage.FromBytes(JsonSerializer.SerializeToUtf8Bytes(new { dispatches = batch }), $"bench-{b}");
    }).ToArray();
}

static async Task<double> RunAsync(string name, DispatchIngestion ingestion, IReadOnlyList<IncomingMessage> messages)
{
    var count = messages.Sum(m =>
    {
        using var document = JsonDocument.Parse(m.Body);
        return document.RootElement.GetProperty("dispatches").GetArrayLength();
    });
    var clock = Stopwatch.StartNew();
    foreach (var message in messages)
    {
        var outcome = await ingestion.IngestAsync(message, CancellationToken.None);
        if (outcome is DeadLettered dead) throw new InvalidOperationException($"{name}: {dead.Reason}: {dead.Description}");
    }
    return count / clock.Elapsed.TotalSeconds;
}

static async Task<long> CountAsync(NpgsqlDataSource db)
{
    await using var connection = await db.OpenConnectionAsync();
    return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM dispatches");
}

async Task AdminAsync(string sql)
{
    await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
    await connection.OpenAsync();
    await connection.ExecuteAsync(sql);
}
