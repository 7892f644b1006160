using System.Reflection;
using AssetService.Functions.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using AssetService.Functions.Http;

namespace AssetService.LocalHost;

/// <summary>
/// Serves the Functions project's HTTP functions on Kestrel: each route and method from the attributes,
/// the function class from the same DI registrations, arguments bound as the Functions host binds them.
/// </summary>
public static class FunctionEndpoints
{
    public static void MapFunctions(this WebApplication app, Assembly functions)
    {
        foreach (var route in FunctionRoute.DiscoverServed(functions))
        {
            var parameters = route.Method.GetParameters();
            app.MapMethods(route.Path, route.Methods, context => Invoke(route, parameters, context)).WithName(route.Name);
        }
    }

    private static async Task Invoke(FunctionRoute route, ParameterInfo[] parameters, HttpContext context)
    {
        if (await context.RequestServices.GetRequiredService<AccessCheck>().RefuseAsync(route.Access, context) is { } refusal)
        {
            await refusal.ExecuteResultAsync(new ActionContext { HttpContext = context });
            return;
        }
        var target = context.RequestServices.GetRequiredService(route.Class);
        var arguments = parameters.Select(p => Bind(p, context)).ToArray();
        var result = await (Task<IActionResult>)route.Method.Invoke(target, arguments)!;
        await result.ExecuteResultAsync(new ActionContext { HttpContext = context });
    }

    private static object? Bind(ParameterInfo parameter, HttpContext context) => parameter.ParameterType switch
    {
        var t when t == typeof(HttpRequest) => context.Request,
        var t when t == typeof(CancellationToken) => context.RequestAborted,
        var t when t == typeof(string) => context.Request.RouteValues.TryGetValue(parameter.Name!, out var value) ? value?.ToString() : null,
        var t => throw new InvalidOperationException($"LocalHost cannot bind parameter {parameter.Name} of type {t.Name}"),
    };
}
