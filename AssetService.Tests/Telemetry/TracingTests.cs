using System.Diagnostics;
using System.Text.Json;
using AssetService.LocalHost;
using AssetService.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry.Trace;

namespace AssetService.Tests.Telemetry;

/// <summary>
/// The spans a request and an ingested message produce, caught by an in-memory exporter, and the trace
/// id every response names in <c>x-request-id</c>.
/// </summary>
public sealed class TracingTests : IAsyncLifetime
{
    private readonly List<Activity> spans = [];
    private string database = "";
    private WebApplication app = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        app = LocalHostApp.Build([], new Dictionary<string, string?>
        {
            ["PostgresConnection"] = TestDatabase.ConnectionStringFor(database),
            ["ASSET_SERVICE_API_KEY"] = ApiFixture.Key,
            ["ASSET_SERVICE_PORT"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
            [LocalHostApp.TracingSetting] = "on",
        }, services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        client = new HttpClient(new OpenApiValidatingHandler()) { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Add("x-functions-key", ApiFixture.Key);
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await app.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await TestDatabase.DropAsync(database);
    }

    [Fact]
    public async Task One_get_limits_is_one_http_server_span_with_one_npgsql_child_span_and_the_response_names_its_trace()
    {
        var asset = await AssetApi.CreateAsync(client);

        using var response = await client.GetAsync($"/api/v1/limits?asset_ids={asset}&from=2026-06-01T00:00:00Z&to=2026-06-02T00:00:00Z");

        Assert.True(response.IsSuccessStatusCode);
        var traceId = response.Headers.GetValues("x-request-id").Single();
        var trace = await TraceAsync(traceId, s => s.Kind == ActivityKind.Server);
        var server = Assert.Single(trace, s => s.Kind == ActivityKind.Server);
        Assert.Contains("/api/v1/limits", server.GetTagItem("url.path") as string ?? server.DisplayName);
        var child = Assert.Single(trace, s => s.ParentSpanId == server.SpanId);
        Assert.Equal("Npgsql", child.Source.Name);
        Assert.Equal(2, trace.Count);
    }

    [Fact]
    public async Task One_ingested_message_is_one_span_tree_with_its_transaction_under_the_ingestion_span()
    {
        var asset = await AssetApi.CreateAsync(client);

        using var response = await client.PostJsonAsync("/dev/queues/dispatches/messages",
            JsonSerializer.Serialize(Messages.Dispatch(asset)));

        Assert.True(response.IsSuccessStatusCode);
        var traceId = response.Headers.GetValues("x-request-id").Single();
        var trace = await TraceAsync(traceId, s => s.Kind == ActivityKind.Server);
        var server = Assert.Single(trace, s => s.Kind == ActivityKind.Server);
        var ingest = Assert.Single(trace, s => s.Source.Name == "AssetService");
        Assert.Equal(server.SpanId, ingest.ParentSpanId);
        Assert.Equal("completed", ingest.GetTagItem("asset_service.outcome"));
        var sql = trace.Where(s => s.Source.Name == "Npgsql").ToList();
        Assert.NotEmpty(sql);
        Assert.All(sql, s => Assert.Equal(ingest.SpanId, s.ParentSpanId));
        Assert.All(trace, s => Assert.True(s == server || s == ingest || sql.Contains(s), $"Unexpected span {s.Source.Name} {s.DisplayName}"));
    }

    [Fact]
    public async Task Every_response_names_a_trace_id_also_a_404_and_a_401()
    {
        foreach (var call in new Func<HttpClient, Task<HttpResponseMessage>>[]
                 {
                     c => c.GetAsync("/api/health"),
                     c => c.GetAsync("/api/v1/assets/NOPE_1"),
                     c => c.GetAsync("/api/openapi.json"),
                 })
        {
            using var response = await call(client);
            Assert.Matches("^[0-9a-f]{32}$", response.Headers.GetValues("x-request-id").Single());
        }
        using var anonymous = new HttpClient { BaseAddress = client.BaseAddress };
        using var unauthorized = await anonymous.GetAsync("/api/v1/assets");
        Assert.Matches("^[0-9a-f]{32}$", unauthorized.Headers.GetValues("x-request-id").Single());
    }

    /// <summary>The exported spans of one trace, once <paramref name="complete"/> holds (the server span ends after the response).</summary>
    private async Task<List<Activity>> TraceAsync(string traceId, Func<Activity, bool> complete)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            List<Activity> trace;
            lock (spans) trace = spans.Where(s => s.TraceId.ToHexString() == traceId).ToList();
            if (trace.Any(complete) || DateTime.UtcNow > deadline) return trace;
            await Task.Delay(50);
        }
    }
}
