using System.Reflection;
using AssetService.Functions.Auth;
using Microsoft.Azure.Functions.Worker;

namespace AssetService.Functions.Http;

/// <summary>An HTTP function as its attributes declare it: name, methods, route, key level and the access it needs.</summary>
public sealed record FunctionRoute(string Name, string[] Methods, string Route, AuthorizationLevel Level, Access Access, Type Class, MethodInfo Method)
{
    /// <summary>The route as served, with the host's <c>api</c> prefix.</summary>
    public string Path => "/api/" + Route;

    /// <summary>The operations: every HTTP function but the catch-all of unmatched routes (<see cref="UnmatchedRouteFunctions"/>).</summary>
    public static IReadOnlyList<FunctionRoute> Discover(Assembly assembly) =>
        DiscoverServed(assembly).Where(r => r.Name != UnmatchedRouteFunctions.Name).ToArray();

    /// <summary>Every <c>[Function]</c> method with an <c>[HttpTrigger]</c> parameter in the given assembly.</summary>
    public static IReadOnlyList<FunctionRoute> DiscoverServed(Assembly assembly) =>
        (from type in assembly.GetTypes()
         from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
         let function = method.GetCustomAttribute<FunctionAttribute>()
         where function is not null
         from parameter in method.GetParameters()
         let trigger = parameter.GetCustomAttribute<HttpTriggerAttribute>()
         where trigger is not null
         select new FunctionRoute(function.Name, trigger.Methods!.Select(m => m.ToUpperInvariant()).ToArray(),
             trigger.Route ?? function.Name, trigger.AuthLevel, Access.Of(method), type, method)).ToArray();
}
