using AssetService.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace AssetService.Tests.Telemetry;

/// <summary>
/// What LocalHost does per request as ./run.sh starts it (no ASSET_SERVICE_TRACING, default log levels): no
/// log line for a successful read and no spans, and still the trace id in <c>x-request-id</c>.
/// </summary>
public sealed class RequestOverheadTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Successful_reads_write_no_log_line_neither_npgsql_statements_nor_request_lines()
    {
        var asset = await AssetApi.CreateAsync(api.Client);
        var before = api.Logs.Lines.Count;

        (await api.Client.GetAsync($"/api/v1/assets/{asset}")).EnsureSuccessStatusCode();
        (await api.Client.GetAsync($"/api/v1/limits?asset_ids={asset}&from=2026-06-01T00:00:00Z&to=2026-06-02T00:00:00Z")).EnsureSuccessStatusCode();

        var lines = api.Logs.Lines.Skip(before).ToList();
        Assert.DoesNotContain(lines, l => l.Contains(" Npgsql.", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(" Microsoft.AspNetCore.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_the_tracing_setting_no_spans_are_made_and_responses_still_name_a_trace_id()
    {
        Assert.Null(api.App.Services.GetService<TracerProvider>());

        using var response = await api.Client.GetAsync("/api/v1/assets/NOPE_1");

        Assert.Matches("^[0-9a-f]{32}$", response.Headers.GetValues("x-request-id").Single());
    }
}
