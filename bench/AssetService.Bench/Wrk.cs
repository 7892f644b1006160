using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace AssetService.Bench;

public sealed record Throughput(double RequestsPerSecond, string P50, string P99, long Non2xx);

/// <summary>Runs wrk (Debian's) against a list of paths with the function key.</summary>
public static partial class Wrk
{
    public static async Task<Throughput> RunAsync(string baseUrl, string key, IReadOnlyList<string> paths, int connections = 32, int seconds = 20)
    {
        var script = Path.Combine(Path.GetTempPath(), $"bench-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, $$"""
            wrk.headers["x-functions-key"] = "{{key}}"
            local paths = { {{string.Join(", ", paths.Select(p => $"\"{p}\""))}} }
            local i = 0
            request = function()
              i = i + 1
              return wrk.format("GET", paths[(i % #paths) + 1])
            end
            """);
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-t2", $"-c{connections}", $"-d{seconds}s", "--latency", "-s", script, baseUrl }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        File.Delete(script);
        return new Throughput(
            double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
            Percentile("50%").Match(output).Groups[1].Value,
            Percentile("99%").Match(output).Groups[1].Value,
            Non2xx().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0);
    }

    private static Regex Percentile(string p) => new($@"\s{Regex.Escape(p)}\s+(\S+)");

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();
}
