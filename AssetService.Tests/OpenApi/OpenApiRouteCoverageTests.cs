using System.Text.RegularExpressions;
using AssetService.Tests.Support;
using AssetService.Functions.Http;

namespace AssetService.Tests.OpenApi;

/// <summary>
/// The document and the function attributes describe the same routes: every route and method served is
/// documented, and every documented operation is served. Compared by path and method, derived from the
/// attributes (never a hand list).
/// </summary>
public sealed partial class OpenApiRouteCoverageTests
{
    private static readonly IReadOnlyList<FunctionRoute> Served =
        FunctionRoute.Discover(typeof(AssetService.Functions.ServiceRegistration).Assembly);

    private static readonly OpenApiContract Document = OpenApiContract.Instance;

    // {id:int} and {file?} in a function route are {id} and {file} in the document.
    [GeneratedRegex(@"\{([^}:?]+)[^}]*\}")]
    private static partial Regex RouteParameter();

    private static string Template(FunctionRoute route) => RouteParameter().Replace(route.Path, "{$1}");

    private static IEnumerable<(string Key, FunctionRoute Route)> ServedOperations() =>
        from route in Served from method in route.Methods select ($"{method} {Template(route)}", route);

    [Fact]
    public void Every_served_route_and_method_is_in_the_document()
    {
        var documented = Document.Operations.Select(o => $"{o.Method} {o.Path}").ToHashSet();
        var missing = ServedOperations().Where(s => !documented.Contains(s.Key)).Select(s => $"{s.Key} ({s.Route.Name})").ToArray();
        Assert.True(missing.Length == 0, "Served but not in openapi.json:\n  " + string.Join("\n  ", missing));
    }

    [Fact]
    public void Every_documented_operation_is_served()
    {
        var served = ServedOperations().Select(s => s.Key).ToHashSet();
        var missing = Document.Operations.Where(o => !served.Contains($"{o.Method} {o.Path}"))
            .Select(o => $"{o.Method} {o.Path} ({o.OperationId})").ToArray();
        Assert.True(missing.Length == 0, "In openapi.json but served by no function:\n  " + string.Join("\n  ", missing));
    }

    [Fact]
    public void Operation_ids_are_the_function_names()
    {
        var byKey = Document.Operations.ToDictionary(o => $"{o.Method} {o.Path}");
        var renames = ServedOperations().Where(s => byKey.TryGetValue(s.Key, out var o) && o.OperationId != s.Route.Name)
            .Select(s => $"{s.Key}: operationId {byKey[s.Key].OperationId} -> {s.Route.Name}").ToArray();
        Assert.True(renames.Length == 0, "Rename these operationIds in openapi.json:\n  " + string.Join("\n  ", renames));
    }

    [Fact]
    public void Anonymous_functions_are_exactly_the_documented_operations_without_security()
    {
        var byKey = Document.Operations.ToDictionary(o => $"{o.Method} {o.Path}");
        var wrong = (from s in ServedOperations()
                     where byKey.ContainsKey(s.Key)
                     let anonymousInDocument = byKey[s.Key].Node["security"] is { } security && security.AsArray().Count == 0
                     let anonymousServed = s.Route.Access.Required is null
                     where anonymousInDocument != anonymousServed
                     select $"{s.Key}: served {(anonymousServed ? "anonymous" : "with a key")}, documented {(anonymousInDocument ? "anonymous" : "with a key")}").ToArray();
        Assert.True(wrong.Length == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void Protected_operations_are_under_api_v1_and_anonymous_ones_are_not()
    {
        foreach (var route in Served)
            Assert.True(route.Path.StartsWith("/api/v1/") == (route.Access.Required is not null),
                $"{route.Name} {route.Path} needs {route.Access.Required?.ToString() ?? "nothing"}");
    }
}
