using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace AssetService.Functions.Http;

/// <summary>
/// Worker middleware: an HTTP function's exception becomes the invocation's result. Registered after
/// <c>ConfigureFunctionsWebApplication</c>, it runs inside the ASP.NET Core proxying middleware, which
/// executes an <see cref="Microsoft.AspNetCore.Mvc.IActionResult"/> result once the pipeline returns.
/// Other triggers rethrow, so Service Bus retries their messages. Every HTTP response gets <c>x-request-id</c>.
/// </summary>
public sealed class ErrorMappingMiddleware(ILogger<ErrorMappingMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var traceId = TraceId.Current(context.TraceContext?.TraceParent);
        if (context.GetHttpContext() is { } http) http.Response.OnStarting(() =>
        {
            TraceId.Stamp(http.Response, traceId);
            return Task.CompletedTask;
        });
        try
        {
            await next(context);
        }
        catch (Exception e) when (context.FunctionDefinition.InputBindings.Values.Any(b => b.Type.Equals("httpTrigger", StringComparison.OrdinalIgnoreCase)))
        {
            context.GetInvocationResult().Value = ErrorMapping.ToResult(e, logger, traceId);
        }
    }
}
