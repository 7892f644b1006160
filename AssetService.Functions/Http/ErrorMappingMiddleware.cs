using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace AssetService.Functions.Http;

/// <summary>Worker middleware: an HTTP function's exception becomes the invocation's result.</summary>
public sealed class ErrorMappingMiddleware(ILogger<ErrorMappingMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (context.FunctionDefinition.InputBindings.Values.Any(b => b.Type == "httpTrigger"))
        {
            context.GetInvocationResult().Value = ErrorMapping.ToResult(e, logger);
        }
    }
}
