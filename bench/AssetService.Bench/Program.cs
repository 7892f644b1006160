// The Asset Service benchmark: seeds PostgreSQL at scale, serves the API with LocalHost, and writes
// bench/RESULTS.md with throughput, latency, write and growth figures side by side with raw SQL.
// Run it with bench/run.sh, which provides PostgreSQL, wrk and the built LocalHost.
using System.Diagnostics;
using AssetService.Bench;
using AssetService.Core.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

const string usage = "usage: AssetService.Bench [soak] <AssetService.LocalHost.dll> [RESULTS.md]";
var soak = args.FirstOrDefault() == "soak";
args = soak ? args[1..] : args;
var localHostDll = args.Length > 0 ? args[0] : throw new ArgumentException(usage);
var resultsPath = args.Length > 1 ? args[1] : "RESULTS.md";
var server = Environment.GetEnvironmentVariable("PostgresConnection") ?? throw new InvalidOperationException("Set PostgresConnection");
var databaseName = soak ? "asset_soak" : "asset_bench";
var database = new NpgsqlConnectionStringBuilder(server) { Database = databaseName, MaxPoolSize = 40, CommandTimeout = 0 }.ConnectionString;
const string key = "bench-key";
const int port = 7090;
var report = new Report();

await AdminAsync(server, $"DROP DATABASE IF EXISTS {databaseName} WITH (FORCE)");
await AdminAsync(server, $"CREATE DATABASE {databaseName}");
AssetService.Core.Database.DapperSetup.Configure();
await using var db = NpgsqlDataSource.Create(database);
new DatabaseMigrator(db, NullLogger<DatabaseMigrator>.Instance).Migrate();

if (soak)
{
    using var soakHost = StartLocalHost();
    try
    {
        await WaitForHealthAsync(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") });
        return await Soak.RunAsync($"http://127.0.0.1:{port}", key, db, clients: 100, TimeSpan.FromSeconds(60));
    }
    finally
    {
        soakHost.Kill(entireProcessTree: true);
    }
}

var seeder = new Seeder(db);
await Step("seed 1,000 assets", () => seeder.AssetsAsync(Program.Assets));
await Step("seed 1M limit rows", () => seeder.LimitsAsync(Program.Assets, 0, 200));
await Step("seed 2M forecast rows", () => seeder.ForecastsAsync(Program.Assets, 2_000));
await Step("seed 1M dispatches", () => seeder.DispatchesAsync(Program.Assets, 1_000_000));
await Step("vacuum analyze", seeder.AnalyzeAsync);
report.StartupSeconds = await Startup.MedianSecondsAsync(StartLocalHost, $"http://127.0.0.1:{port}", key);

using var localHost = StartLocalHost();
try
{
    using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    client.DefaultRequestHeaders.Add("x-functions-key", key);
    await WaitForHealthAsync(client);

    var growthProbe = ReadProbe.LimitsOneAssetDay(maxDay: 1);
    // Warm up JIT, pools and prepared statements first, so that 1M and 10M are measured alike.
    await Latency.OfAsync(1_000, i => growthProbe.HttpAsync(client, i + 1_000));
    report.Growth1M = await Latency.OfAsync(1_000, i => growthProbe.HttpAsync(client, i));
    await Step("seed 9M more limit rows (10M)", () => seeder.LimitsAsync(Program.Assets, 200, 1_800));
    await Step("vacuum analyze", seeder.AnalyzeAsync);
    report.Growth10M = await Latency.OfAsync(1_000, i => growthProbe.HttpAsync(client, i));

    var reads = new[] { ReadProbe.AssetById(), ReadProbe.LimitsOneAssetDay(18), ReadProbe.ForecastsTenAssetsDay(18) };
    var baseUrl = client.BaseAddress!.ToString().TrimEnd('/');
    await Pgbench.InitSelectOnlyAsync(server);
    await Step("settle PostgreSQL (checkpoint, autovacuum)", () => Settle.Async(db));
    // Each route is loaded for 15 s before it is measured: under full load on two cores, tiered JIT with dynamic PGO
    // needs 12-20 s to bring a route's code to full speed (GET /assets/{id}: 5,000-6,000 req/s in its first 4 s,
    // 18,000-20,000 after 16 s; bench/RESULTS.md, Notes).
    var warm = new HashSet<string>();
    async Task<Throughput> MeasureRoute(string name, string[] paths)
    {
        if (warm.Add(name)) await Wrk.RunAsync(baseUrl, key, paths, seconds: 15);
        return await Wrk.RunAsync(baseUrl, key, paths);
    }
    Task<Throughput> Http(ReadProbe probe) => MeasureRoute(probe.Name, Enumerable.Range(0, 500).Select(probe.Path).ToArray());
    report.Throughput["GET /api/health"] = await MeasureRoute("GET /api/health", ["/api/health"]);
    (report.Throughput[reads[0].Name], report.PgbenchSelectOnlyTps) = await SideBySide.Async(() => Http(reads[0]), () => Pgbench.SelectOnlyAsync(server));
    foreach (var probe in reads[1..]) report.Throughput[probe.Name] = await Http(probe);
    var oneSource = ReadProbe.LimitsOneAssetDayOneSource(18);
    (report.Throughput[oneSource.Name], report.PgbenchLimitsTps) = await SideBySide.Async(() => Http(oneSource), () => Pgbench.ScriptAsync(database, Pgbench.LimitsOneAssetDayScript));

    foreach (var probe in reads.Append(ReadProbe.LimitsTenAssetsDay(18)))
    {
        report.Latencies[probe.Name] = (await Latency.OfAsync(500, i => probe.HttpAsync(client, i)), await Latency.OfAsync(500, i => probe.SqlAsync(db, i)));
        report.StatementsPerRequest[probe.Name] = await Statements.PerRequestAsync(db, 200, i => probe.HttpAsync(client, i));
    }

    var writes = new Writes(client, db);
    report.Writes.Add(await writes.LimitsAsync());
    report.Writes.Add(await writes.ForecastsAsync());
    report.Writes.Add(await writes.SnapshotsAsync());
    report.Ingest = await Ingest.RunAsync(db);
    report.PeakRssMb = PeakRssMb(localHost.Id);
}
finally
{
    localHost.Kill(entireProcessTree: true);
}

await using (var connection = await db.OpenConnectionAsync())
await using (var version = new NpgsqlCommand("SHOW server_version", connection))
    report.PostgresVersion = (string)(await version.ExecuteScalarAsync())!;
await File.WriteAllTextAsync(resultsPath, report.Render());
Console.WriteLine(await File.ReadAllTextAsync(resultsPath));
return 0;

// Configured as ./run.sh configures it: its three settings, the service's own defaults for everything
// else (log levels, pool, prepared statements). Its console output is read and dropped, as a terminal would.
Process StartLocalHost()
{
    var process = Process.Start(new ProcessStartInfo("dotnet", [localHostDll])
    {
        Environment =
        {
            ["PostgresConnection"] = new NpgsqlConnectionStringBuilder(server) { Database = databaseName }.ConnectionString,
            ["ASSET_SERVICE_API_KEY"] = key, ["ASSET_SERVICE_PORT"] = port.ToString(),
        },
        RedirectStandardOutput = true,
        RedirectStandardError = true,
    })!;
    process.OutputDataReceived += (_, _) => { };
    process.ErrorDataReceived += (_, _) => { };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    return process;
}

async Task Step(string name, Func<Task> step)
{
    var watch = Stopwatch.StartNew();
    await step();
    report.Steps.Add((name, watch.Elapsed.TotalSeconds));
    Console.WriteLine($"{name}: {watch.Elapsed.TotalSeconds:F1} s");
}

static async Task WaitForHealthAsync(HttpClient client)
{
    for (var i = 0; i < 300; i++)
    {
        try
        {
            if ((await client.GetAsync("/api/health")).IsSuccessStatusCode) return;
        }
        catch (HttpRequestException) { }
        await Task.Delay(100);
    }
    throw new InvalidOperationException("LocalHost did not become healthy");
}

static double PeakRssMb(int pid)
{
    var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
}

static async Task AdminAsync(string server, string sql)
{
    await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}

public static partial class Program
{
    public const int Assets = 1_000;
}
