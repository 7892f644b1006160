using AssetService.Core.Common;
using AssetService.Core.Dispatches;
using AssetService.Core.Ingestion;
using AssetService.Core.Status;
using AssetService.Functions.Auth;
using AssetService.Functions.Http;
using Microsoft.AspNetCore.Mvc;

namespace AssetService.LocalHost;

/// <summary>
/// <c>POST /dev/queues/{queue}/messages</c>: feeds one message to the same ingestion and settlement code as
/// the Service Bus functions, for machines without Service Bus. LocalHost only (the Functions app never
/// serves it); on unless <c>ASSET_SERVICE_DEV_INGEST=false</c>. It needs Admin (the function key or an Admin
/// token): loopback alone does not stop a web page in the developer's browser from posting to it.
/// </summary>
public static class DevQueueEndpoints
{
    public const string Route = "/dev/queues/{queue}/messages";
    private static readonly Access AdminOnly = new(Role.Admin);

    public static void MapDevQueues(this WebApplication app)
    {
        if (string.Equals(app.Configuration["ASSET_SERVICE_DEV_INGEST"], "false", StringComparison.OrdinalIgnoreCase)) return;
        app.MapPost(Route, PostMessage).WithName("DevPostQueueMessage");
    }

    private static async Task PostMessage(HttpContext context, string queue)
    {
        var result = await context.RequestServices.GetRequiredService<AccessCheck>().RefuseAsync(AdminOnly, context)
            ?? await IngestAsync(context, queue);
        await result.ExecuteResultAsync(new ActionContext { HttpContext = context });
    }

    private static async Task<ApiResult> IngestAsync(HttpContext context, string queue)
    {
        var services = context.RequestServices;
        var queues = services.GetRequiredService<IngestionQueues>();
        IMessageIngestion ingestion =
            string.Equals(queue, queues.DispatchQueue, StringComparison.OrdinalIgnoreCase) ? services.GetRequiredService<DispatchIngestion>()
            : string.Equals(queue, queues.StatusQueue, StringComparison.OrdinalIgnoreCase) ? services.GetRequiredService<StatusIngestion>()
            : throw new NotFoundException($"Unknown queue {queue}: expected {queues.DispatchQueue} or {queues.StatusQueue}");

        var ct = context.RequestAborted;
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, ct); // Kestrel refuses bodies over 10 MiB with 413
        var messageId = DevQueueRequest.ReadMessageId(context.Request.Headers) ?? Guid.NewGuid().ToString("N");
        var message = IncomingMessage.FromBytes(body.ToArray(), messageId, sequenceNumber: SequenceNumber(context));
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("AssetService.DevQueues");

        // A database failure propagates to the error mapping: 503, the message "would be retried".
        var outcome = await MessageSettlement.SettleAsync(ingestion, message, NoBroker.Instance, logger, ct);
        return ApiResult.Ok(outcome is DeadLettered dead ? MessageDeadLettered.Of(dead) : MessageCompleted.Answer);
    }

    // Without the header, messages are numbered in arrival order: by the clock's ticks, so that the order
    // also holds across restarts of LocalHost, and never twice the same number.
    private static long lastArrival;

    /// <summary>The Service Bus sequence number the message stands for: the header's, or the next in arrival order.</summary>
    private static long SequenceNumber(HttpContext context)
    {
        if (DevQueueRequest.ReadSequenceNumber(context.Request.Headers) is { } given) return given;
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcTicks;
        long previous, next;
        do
        {
            previous = Interlocked.Read(ref lastArrival);
            next = Math.Max(previous + 1, now);
        } while (Interlocked.CompareExchange(ref lastArrival, next, previous) != previous);
        return next;
    }

    /// <summary>No broker behind the dev route: the outcome is the answer.</summary>
    private sealed class NoBroker : IMessageSettler
    {
        public static readonly NoBroker Instance = new();
        public Task CompleteAsync(CancellationToken ct) => Task.CompletedTask;
        public Task DeadLetterAsync(string reason, string description, CancellationToken ct) => Task.CompletedTask;
    }
}
