using AssetService.Core.Database;
using AssetService.Functions;
using AssetService.Functions.Auth;
using AssetService.Functions.Http;
using Microsoft.AspNetCore.Mvc;
using OpenTelemetry.Trace;

namespace AssetService.LocalHost;

/// <summary>
/// Serves the Functions app's HTTP functions on plain ASP.NET Core, for machines without the Functions
/// Core Tools. Holds no endpoint logic: routes, methods and key levels come from the function attributes.
/// </summary>
public static class LocalHostApp
{
    public const string DevelopmentKey = "local-dev-key";

    /// <param name="settings">Settings that override the environment (tests use them).</param>
    /// <param name="services">Extra registrations (tests add a log collector).</param>
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        // The ASP.NET Core template's levels, as the lowest-priority source: warnings, errors and the
        // start-up lines, no two lines per request. Logging__LogLevel__Microsoft.AspNetCore=Information
        // (environment) turns the request logs back on.
        LogDefaults.InsertLowestPriority(builder.Configuration, new Dictionary<string, string?>(LogDefaults.Levels)
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        var port = builder.Configuration["ASSET_SERVICE_PORT"] ?? "7071";
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestBody.MaxBytes);
        if (!string.Equals(builder.Configuration["ASSET_SERVICE_MIGRATE_AT_START"], "false", StringComparison.OrdinalIgnoreCase))
        {
            builder.Services.AddSingleton(new SchemaState(ready: false));
            builder.Services.AddHostedService<StartupMigration>();
        }
        builder.Services.AddSingleton(FunctionKey.From(builder.Configuration, DevelopmentKey));
        builder.Services.AddAssetService(builder.Configuration);
        // Spans as in the worker (one per request, Npgsql's beneath) only when something consumes them:
        // LocalHost has no exporter, and making spans nobody reads cost measurable CPU per request
        // (bench/RESULTS.md, Notes). The trace id of x-request-id and of a 500's body needs no spans:
        // ASP.NET Core starts an Activity for every request either way.
        if (TracingEnabled(builder.Configuration))
            builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddAssetServiceSources());
        builder.Services.AddHostedService<HistoryRetentionService>();
        // The request line may carry the key as ?code=: never log it.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);

        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.Use(MapErrors);
        app.Use(StartupMigration.Gate);
        app.MapFunctions(typeof(ServiceRegistration).Assembly);
        app.MapDevQueues();
        app.MapFallback(context => ApiResult.Detail(StatusCodes.Status404NotFound, "Not Found")
            .ExecuteResultAsync(new ActionContext { HttpContext = context }));
        return app;
    }

    public const string TracingSetting = "ASSET_SERVICE_TRACING";

    /// <summary><c>ASSET_SERVICE_TRACING=on</c> makes spans (for an exporter a test or a developer adds); off by default.</summary>
    private static bool TracingEnabled(IConfiguration configuration) => configuration[TracingSetting] switch
    {
        null or "" or "off" => false,
        "on" => true,
        var other => throw new InvalidOperationException($"{TracingSetting} must be on or off, not {other}"),
    };

    // The same mapping and trace id header the Functions worker middleware applies.
    private static async Task MapErrors(HttpContext context, RequestDelegate next)
    {
        var traceId = TraceId.Current() ?? context.TraceIdentifier;
        context.Response.OnStarting(() =>
        {
            TraceId.Stamp(context.Response, traceId);
            return Task.CompletedTask;
        });
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("AssetService.Errors");
            context.Response.Clear();
            await ErrorMapping.ToResult(e, logger, traceId).ExecuteResultAsync(new ActionContext { HttpContext = context });
        }
    }
}
