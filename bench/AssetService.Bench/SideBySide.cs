namespace AssetService.Bench;

/// <summary>
/// A ratio of two throughputs on a shared machine: each side measured twice, in the order A B B A, so that
/// a drift during the four runs (the neighbours of a virtual machine, a late checkpoint) weighs on both sides
/// alike. Each side is the mean of its two runs.
/// </summary>
public static class SideBySide
{
    public static async Task<(Throughput Http, double Tps)> Async(Func<Task<Throughput>> http, Func<Task<double>> pgbench)
    {
        var first = await http();
        var tps = await pgbench() + await pgbench();
        var second = await http();
        return (first with { RequestsPerSecond = (first.RequestsPerSecond + second.RequestsPerSecond) / 2, Non2xx = first.Non2xx + second.Non2xx }, tps / 2);
    }
}
