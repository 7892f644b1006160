using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace AssetService.Bench;

/// <summary>PostgreSQL's own load generator (Debian's pgbench), the ceiling the HTTP figures are compared with.</summary>
public static partial class Pgbench
{
    /// <summary>
    /// The read behind GET /limits for one asset-day of one source, as a prepared statement: the same
    /// rows, the same primary-key range, random asset and day like the HTTP probe.
    /// </summary>
    public static readonly string LimitsOneAssetDayScript = $"""
        \set a random(0, {Program.Assets - 1})
        \set d random(1, 18)
        SELECT asset_id, start_time, end_time, delivery_day, source, power_charge, power_discharge, energy_low, energy_high, trading_locked, updated_at FROM asset_limits WHERE asset_id = 'DE_50HZ_B' || :a || '_1' AND start_time >= timestamptz '2025-12-31 23:00:00+00' + make_interval(days => :d) AND start_time < timestamptz '2025-12-31 23:00:00+00' + make_interval(days => :d + 1) AND source = 'OPERATIONS' ORDER BY asset_id, start_time, source;
        """;

    /// <summary>Transactions per second of a custom script, prepared (<c>-M prepared</c>).</summary>
    public static async Task<double> ScriptAsync(string connectionString, string script, int clients = 32, int seconds = 20)
    {
        var file = Path.Combine(Path.GetTempPath(), $"bench-{Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(file, script);
        try
        {
            return await RunAsync(connectionString, ["-n", "-M", "prepared", "-f", file], clients, seconds);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>pgbench's own tables at scale 10 (1M accounts), in a database of their own, for <see cref="SelectOnlyAsync"/>.</summary>
    public static async Task InitSelectOnlyAsync(string serverConnectionString)
    {
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = "postgres", Pooling = false }.ConnectionString))
        {
            await admin.OpenAsync();
            foreach (var sql in new[] { "DROP DATABASE IF EXISTS asset_bench_pgbench WITH (FORCE)", "CREATE DATABASE asset_bench_pgbench" })
            {
                await using var command = new NpgsqlCommand(sql, admin);
                await command.ExecuteNonQueryAsync();
            }
        }
        await RunAsync(SelectOnlyDatabase(serverConnectionString), ["-i", "-q", "-s", "10"], 0, 0);
    }

    /// <summary><c>pgbench -S</c>: its built-in select-only script, one primary-key read per transaction.</summary>
    public static Task<double> SelectOnlyAsync(string serverConnectionString, int clients = 32, int seconds = 20) =>
        RunAsync(SelectOnlyDatabase(serverConnectionString), ["-S"], clients, seconds);

    private static string SelectOnlyDatabase(string serverConnectionString) =>
        new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = "asset_bench_pgbench" }.ConnectionString;

    private static async Task<double> RunAsync(string connectionString, string[] arguments, int clients, int seconds)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo("pgbench") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-h", connection.Host!, "-p", connection.Port.ToString(CultureInfo.InvariantCulture), "-U", connection.Username ?? "postgres" })
            start.ArgumentList.Add(arg);
        foreach (var arg in arguments) start.ArgumentList.Add(arg);
        if (clients > 0)
            foreach (var arg in new[] { "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", "2", "-T", seconds.ToString(CultureInfo.InvariantCulture) })
                start.ArgumentList.Add(arg);
        start.ArgumentList.Add(connection.Database!);
        if (connection.Password is { Length: > 0 } password) start.Environment["PGPASSWORD"] = password;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"pgbench {string.Join(' ', arguments)} failed: {await errors}");
        return clients == 0 ? 0 : double.Parse(Tps().Match(await output).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"tps = ([\d.]+) \(without initial connection time\)")]
    private static partial Regex Tps();
}
