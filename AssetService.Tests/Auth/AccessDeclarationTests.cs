using System.Reflection;
using AssetService.Functions;
using AssetService.Functions.Auth;
using Microsoft.Azure.Functions.Worker;
using AssetService.Functions.Http;

namespace AssetService.Tests.Auth;

/// <summary>Every HTTP function declares its access, and the declarations are the table of contract 6.3.</summary>
public sealed class AccessDeclarationTests
{
    private static readonly Assembly Functions = typeof(ServiceRegistration).Assembly;

    // Contract 6.3: Write covers the writes of period data and specs; every other write is Admin.
    private static readonly HashSet<string> WriteRoutes =
    [
        "v1/limits", "v1/forecasts", "v1/reservations", "v1/state-snapshots", "v1/specs",
        "v1/sites/{site_id}/limits", "v1/sites/{site_id}/inverters/{inverter_id}/limits",
    ];

    private static IEnumerable<MethodInfo> HttpFunctions() =>
        from type in Functions.GetTypes()
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
        where method.IsDefined(typeof(FunctionAttribute)) && method.GetParameters().Any(p => p.IsDefined(typeof(HttpTriggerAttribute)))
        select method;

    [Fact]
    public void Every_http_function_declares_a_role_or_anonymous()
    {
        var functions = HttpFunctions().ToArray();
        Assert.True(functions.Length >= 40, $"found only {functions.Length} HTTP functions");
        var undeclared = functions.Where(m => (m.IsDefined(typeof(RequiresRoleAttribute)) ? 1 : 0) + (m.IsDefined(typeof(AnonymousAttribute)) ? 1 : 0) != 1)
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}").ToArray();
        Assert.True(undeclared.Length == 0, "Declare exactly one of [RequiresRole(...)] or [Anonymous] on: " + string.Join(", ", undeclared));
    }

    [Fact]
    public void Each_route_needs_the_role_the_contract_gives_it()
    {
        foreach (var route in FunctionRoute.Discover(Functions))
        {
            var expected = !route.Route.StartsWith("v1/", StringComparison.Ordinal) ? (Role?)null
                : route.Methods.Single() == "GET" ? Role.Read
                : WriteRoutes.Contains(route.Route) ? Role.Write
                : Role.Admin;
            Assert.True(expected == route.Access.Required, $"{route.Methods.Single()} {route.Path}: declared {route.Access.Required?.ToString() ?? "anonymous"}, the contract says {expected?.ToString() ?? "anonymous"}");
        }
    }

    [Fact]
    public void The_host_leaves_every_http_function_to_the_apps_access_check() =>
        // docs/decisions.md: the host's key check would refuse a token without a key, so the app checks both.
        Assert.All(FunctionRoute.Discover(Functions), r => Assert.Equal(AuthorizationLevel.Anonymous, r.Level));

    [Fact]
    public void A_function_without_a_declaration_cannot_be_served()
    {
        var undeclared = typeof(Undeclared).GetMethod(nameof(Undeclared.Get))!;
        var e = Assert.Throws<InvalidOperationException>(() => Access.Of(undeclared));
        Assert.Contains("Undeclared.Get declares no access", e.Message);
        Assert.Throws<InvalidOperationException>(() => Access.Of(typeof(Undeclared).GetMethod(nameof(Undeclared.Both))!));
    }

    private sealed class Undeclared
    {
        public void Get() { }

        [Anonymous, RequiresRole(Role.Read)]
        public void Both() { }
    }
}
