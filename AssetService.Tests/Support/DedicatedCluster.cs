using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AssetService.Tests.Support;

/// <summary>
/// A PostgreSQL cluster of a test's own, in a temporary folder on a free port, which the test may stop
/// and start without disturbing the shared cluster the other test classes use.
/// </summary>
public sealed class DedicatedCluster : IAsyncDisposable
{
    private readonly string bin;
    private readonly string folder;
    private readonly bool asRoot = Environment.UserName == "root";

    private DedicatedCluster(string bin, string folder, int port)
    {
        this.bin = bin;
        this.folder = folder;
        Port = port;
    }

    public int Port { get; }
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=3";
    private string Data => Path.Combine(folder, "data");

    public static async Task<DedicatedCluster> CreateAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderBy(d => int.TryParse(Path.GetFileName(d), out var major) ? major : 0).Select(d => Path.Combine(d, "bin")).LastOrDefault()
                  ?? throw new InvalidOperationException("PostgreSQL is not installed: run ./test.sh, which installs it.");
        var folder = Path.Combine("/tmp", "asset-service-test-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var cluster = new DedicatedCluster(bin, folder, FreePort());
        if (cluster.asRoot) await Run("chown", "postgres", folder);
        await cluster.RunAsOwner("initdb", "-D", cluster.Data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
        await cluster.StartAsync();
        return cluster;
    }

    public Task StartAsync() => RunAsOwner("pg_ctl", "-D", Data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "30",
        "-o", $"-p {Port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off", "start");

    public Task StopAsync() => RunAsOwner("pg_ctl", "-D", Data, "-m", "fast", "-w", "stop");

    public async ValueTask DisposeAsync()
    {
        try { await StopAsync(); } catch (InvalidOperationException) { /* already stopped */ }
        Directory.Delete(folder, recursive: true);
    }

    private Task RunAsOwner(string tool, params string[] args) =>
        asRoot ? Run("runuser", ["-u", "postgres", "--", Path.Combine(bin, tool), .. args]) : Run(Path.Combine(bin, tool), args);

    private static async Task Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {await output}{await error}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
