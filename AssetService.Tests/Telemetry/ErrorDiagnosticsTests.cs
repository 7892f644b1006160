using AssetService.Functions.Http;
using AssetService.Tests.Support;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AssetService.Tests.Telemetry;

/// <summary>A 500 names the trace id for the caller; its log line keeps type, message and SQL state.</summary>
public sealed class ErrorDiagnosticsTests
{
    [Fact]
    public void A_500_body_names_the_trace_id_and_the_log_keeps_type_message_and_sql_state()
    {
        var logs = new LogCollector();
        var logger = logs.CreateLogger("test");
        var failure = new PostgresException("division by zero", "ERROR", "ERROR", "22012");

        var result = ErrorMapping.ToResult(failure, logger, "4bf92f3577b34da6a3ce929d0e0e4736");

        Assert.Equal(500, result.StatusCode);
        Assert.Contains("4bf92f3577b34da6a3ce929d0e0e4736", System.Text.Json.JsonSerializer.Serialize(result.Body));
        var line = Assert.Single(logs.Lines, m => m.Contains("Unhandled error", StringComparison.Ordinal));
        Assert.Contains("PostgresException", line);
        Assert.Contains("division by zero", line);
        Assert.Contains("22012", line);
        Assert.Contains("4bf92f3577b34da6a3ce929d0e0e4736", line);
    }
}
