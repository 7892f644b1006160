using AssetService.Core.Common;
using AssetService.Core.Database;
using AssetService.Functions.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace AssetService.LocalHost;

/// <summary>
/// LocalHost applies the migrations itself (as <c>./run.sh</c> and the tests expect), but never fails to
/// start for it: the first attempt runs before the server listens; while the database is unreachable it
/// retries in the background, the data routes answer 503 and health says degraded. The Functions app
/// runs no DDL at all (docs/deploy.md). <c>ASSET_SERVICE_MIGRATE_AT_START=false</c> turns this off, for
/// a login that may not run DDL.
/// </summary>
public sealed class StartupMigration(DatabaseMigrator migrator, SchemaState schema, TimeProvider time, ILogger<StartupMigration> logger)
    : IHostedService, IDisposable
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource stopping = new();
    private Task retrying = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await TryMigrateAsync()) return;
        retrying = RetryAsync(stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        await retrying.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => stopping.Dispose();

    private async Task RetryAsync(CancellationToken ct)
    {
        var delay = FirstRetry;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, time, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (await TryMigrateAsync()) return;
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LastRetry.Ticks));
        }
    }

    private async Task<bool> TryMigrateAsync()
    {
        try
        {
            // DbUp is synchronous: keep it off the caller's thread.
            await Task.Run(migrator.Migrate);
            schema.MarkReady();
            return true;
        }
        catch (Exception e)
        {
            var cause = e is InvalidOperationException { InnerException: { } inner } ? inner : e;
            logger.LogWarning("Migrations not applied yet ({Kind}: {Message}{SqlState}); the API answers 503 until they are, retrying",
                cause.GetType().Name, cause.Message, cause is PostgresException pg ? $", SQL state {pg.SqlState}" : "");
            return false;
        }
    }

    /// <summary>Data routes answer 503 until the schema is migrated; health, the document and the docs page do not wait.</summary>
    public static async Task Gate(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path;
        if (context.RequestServices.GetRequiredService<SchemaState>().IsReady ||
            !(path.StartsWithSegments("/api/v1") || path.StartsWithSegments("/dev")))
        {
            await next(context);
            return;
        }
        await new ApiResult(StatusCodes.Status503ServiceUnavailable, new ErrorDetail("The database is unavailable; retry later"))
        {
            Headers = new Dictionary<string, string> { ["Retry-After"] = ErrorMapping.RetryAfterSeconds.ToString() },
        }.ExecuteResultAsync(new ActionContext { HttpContext = context });
    }
}
