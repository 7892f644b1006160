using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace AssetService.Functions.Auth;

/// <summary>
/// Worker middleware of the Functions app: runs <see cref="AccessCheck"/> for each HTTP function with the access
/// its declaration names, exactly as LocalHost does. The host's own key check is off (every trigger is
/// <c>AuthorizationLevel.Anonymous</c>), so this is the only gate; docs/decisions.md says why.
/// </summary>
public sealed class AccessMiddleware(AccessCheck check, FunctionAccess declared) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (!context.FunctionDefinition.InputBindings.Values.Any(b => b.Type.Equals("httpTrigger", StringComparison.OrdinalIgnoreCase)))
        {
            await next(context);
            return;
        }
        var required = declared.ByName.TryGetValue(context.FunctionDefinition.Name, out var access) ? access
            : throw new InvalidOperationException($"HTTP function {context.FunctionDefinition.Name} declares no access");
        var http = context.GetHttpContext() ?? throw new InvalidOperationException("No HTTP context for an HTTP function");
        if (await check.RefuseAsync(required, http) is { } refusal)
        {
            context.GetInvocationResult().Value = refusal;
            return;
        }
        await next(context);
    }
}
