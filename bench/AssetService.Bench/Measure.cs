using System.Diagnostics;

namespace AssetService.Bench;

public sealed record Latency(double P50Ms, double P95Ms, int Samples)
{
    public static async Task<Latency> OfAsync(int samples, Func<int, Task> call)
    {
        for (var i = 0; i < Math.Min(50, samples); i++) await call(i);
        var times = new double[samples];
        for (var i = 0; i < samples; i++)
        {
            var watch = Stopwatch.StartNew();
            await call(i);
            times[i] = watch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return new Latency(times[samples / 2], times[(int)(samples * 0.95)], samples);
    }
}

public static class Timing
{
    public static async Task<double> SecondsAsync(Func<Task> run)
    {
        var watch = Stopwatch.StartNew();
        await run();
        return watch.Elapsed.TotalSeconds;
    }

    public static double Median(List<double> times)
    {
        var sorted = times.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    /// <summary>The median of <paramref name="runs"/> timed runs, in seconds.</summary>
    public static async Task<double> MedianSecondsAsync(int runs, Func<Task> run)
    {
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await run();
            times.Add(watch.Elapsed.TotalSeconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }
}
