using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry.Trace;

namespace AssetService.Functions;

/// <summary>
/// OpenTelemetry in the worker: the invocation span (HTTP or Service Bus, continued from the host's
/// trace), the service's ingestion span and Npgsql's SQL spans beneath, exported to Application
/// Insights with the managed identity's token (local auth is off on the component).
/// </summary>
public static class Telemetry
{
    public static IServiceCollection AddAssetServiceTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var telemetry = services.AddOpenTelemetry();
        telemetry.WithTracing(tracing => tracing.AddAssetServiceSources());
        telemetry.UseFunctionsWorkerDefaults();
        if (!string.IsNullOrEmpty(configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
        {
            telemetry.UseAzureMonitorExporter(options =>
            {
                if (configuration["AZURE_CLIENT_ID"] is { Length: > 0 } clientId)
                    options.Credential = new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
            });
        }
        return services;
    }

    /// <summary>The sources both hosts trace: the service's own spans and Npgsql's.</summary>
    public static TracerProviderBuilder AddAssetServiceSources(this TracerProviderBuilder tracing) =>
        tracing.AddSource(Core.Telemetry.SourceName).AddNpgsql();
}
