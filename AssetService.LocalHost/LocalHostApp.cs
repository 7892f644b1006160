using AssetService.Core.Database;
using AssetService.Functions;
using AssetService.Functions.Http;
using Microsoft.AspNetCore.Mvc;

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
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        var port = builder.Configuration["ASSET_SERVICE_PORT"] ?? "7071";
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestBody.MaxBytes);
        builder.Services.AddAssetService(builder.Configuration);
        builder.Services.AddHostedService<HistoryRetentionService>();
        // The request line may carry the key as ?code=: never log it.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Services.AddSingleton(new FunctionKey(builder.Configuration["ASSET_SERVICE_API_KEY"] is { Length: > 0 } key ? key : DevelopmentKey));

        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.Services.GetRequiredService<DatabaseMigrator>().Migrate();
        app.Use(MapErrors);
        app.MapFunctions(typeof(ServiceRegistration).Assembly);
        app.MapDevQueues();
        app.MapFallback(context => ApiResult.Detail(StatusCodes.Status404NotFound, "Not Found")
            .ExecuteResultAsync(new ActionContext { HttpContext = context }));
        return app;
    }

    // The same mapping the Functions worker middleware applies.
    private static async Task MapErrors(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("AssetService.Errors");
            await ErrorMapping.ToResult(e, logger).ExecuteResultAsync(new ActionContext { HttpContext = context });
        }
    }
}
