using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AssetService.LocalHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AssetService.Tests.Support;

/// <summary>
/// LocalHost on a free loopback port over this class's own database, with a client holding the key. It accepts
/// bearer tokens of <see cref="Tokens"/> (a test RSA key whose JWKS file it is given). The app reaches the
/// database through the transaction-mode PgBouncer that <c>./test.sh</c> starts (<see cref="TestDatabase.PgBouncer"/>),
/// with a deployment's default settings; the database is a copy of the migrated template, so LocalHost does not
/// migrate (a session advisory lock means nothing behind a transaction pooler).
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public const string Key = "test-key-0123456789";

    public static readonly DevTokens Tokens = DevTokens.Create();
    private static readonly Lazy<string> JwksFile = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"asset-service-test-jwks-{Environment.ProcessId}.json");
        File.WriteAllText(path, Tokens.Jwks());
        return path;
    });

    private WebApplication? app;

    public string Database { get; private set; } = "";
    public HttpClient Client { get; private set; } = null!;
    public HttpClient Anonymous { get; private set; } = null!;
    public NpgsqlDataSource Db { get; private set; } = null!;
    public WebApplication App => app!;
    public LogCollector Logs { get; } = new();

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        app = LocalHostApp.Build([], new Dictionary<string, string?>
        {
            ["PostgresConnection"] = TestDatabase.PooledConnectionStringFor(Database),
            ["ASSET_SERVICE_MIGRATE_AT_START"] = "false",
            ["ASSET_SERVICE_API_KEY"] = Key,
            ["ASSET_SERVICE_PORT"] = "0",
            ["ASSET_SERVICE_JWT_ISSUER"] = DevTokens.Issuer,
            ["ASSET_SERVICE_JWT_AUDIENCE"] = DevTokens.Audience,
            ["ASSET_SERVICE_JWT_JWKS_FILE"] = JwksFile.Value,
        }, services => services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // Every response of both clients is checked against the OpenAPI document (OpenApiValidatingHandler).
        Client = new HttpClient(new OpenApiValidatingHandler()) { BaseAddress = new Uri(address) };
        Client.DefaultRequestHeaders.Add("x-functions-key", Key);
        Anonymous = new HttpClient(new OpenApiValidatingHandler()) { BaseAddress = new Uri(address) };
        Db = app.Services.GetRequiredService<NpgsqlDataSource>();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        Anonymous.Dispose();
        if (app is not null) await app.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await TestDatabase.DropAsync(Database);
    }
}

public static class HttpExtensions
{
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string url, string json) =>
        client.PatchAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, string json) =>
        client.PutAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsync(url, JsonContent.Create(body));

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts the status code, showing the body when it differs.</summary>
    public static async Task<JsonElement> ExpectAsync(this Task<HttpResponseMessage> call, int status)
    {
        var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"Expected {status}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The <c>loc</c> paths of a 422 body, joined with dots, e.g. <c>body.limits.3.power_charge</c>.</summary>
    public static string[] Locs(this JsonElement problem) =>
        problem.GetProperty("detail").EnumerateArray()
            .Select(d => string.Join('.', d.GetProperty("loc").EnumerateArray().Select(p => p.ToString()))).ToArray();

    public static string[] Types(this JsonElement problem) =>
        problem.GetProperty("detail").EnumerateArray().Select(d => d.GetProperty("type").GetString()!).ToArray();
}

public static class Codes
{
    private static int counter;

    /// <summary>A code no other test uses, so ids are predictable within a test.</summary>
    public static string Unique() => "T" + Interlocked.Increment(ref counter) + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
}
