using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace AssetService.Functions.Http;

/// <summary>
/// Worker middleware: an HTTP function's exception becomes the invocation's result. Registered after
/// <c>ConfigureFunctionsWebApplication</c>, it runs inside the ASP.NET Core proxying middleware, which
/// executes an <see cref="IActionResult"/> result once the pipeline returns, outside this middleware: so the
/// result is wrapped, and an exception while it executes (a CSV read failing before its first byte) is mapped
/// the same way, as LocalHost's wrapper around its whole pipeline maps it. Other triggers rethrow, so Service
/// Bus retries their messages. Every HTTP response gets <c>x-request-id</c>.
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
        var isHttp = context.FunctionDefinition.InputBindings.Values.Any(b => b.Type.Equals("httpTrigger", StringComparison.OrdinalIgnoreCase));
        try
        {
            await next(context);
        }
        catch (Exception e) when (isHttp)
        {
            context.GetInvocationResult().Value = ErrorMapping.ToResult(e, logger, traceId);
            return;
        }
        if (isHttp && context.GetInvocationResult() is { Value: IActionResult result and not ErrorMappedResult } invocation)
            invocation.Value = new ErrorMappedResult(result, logger, traceId);
    }
}

/// <summary>A result whose failure before its first byte is answered as a thrown exception is (<see cref="ErrorMapping"/>).</summary>
public sealed class ErrorMappedResult(IActionResult inner, ILogger logger, string? traceId) : IActionResult
{
    public IActionResult Inner => inner;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        try
        {
            await inner.ExecuteResultAsync(context);
        }
        catch (Exception e) when (!context.HttpContext.Response.HasStarted)
        {
            context.HttpContext.Response.Clear();
            await ErrorMapping.ToResult(e, logger, traceId).ExecuteResultAsync(context);
        }
    }
}
