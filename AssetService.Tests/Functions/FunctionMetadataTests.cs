using System.Text.Json;
using System.Text.RegularExpressions;
using AssetService.Functions.Http;
using AssetService.Tests.Support;

namespace AssetService.Tests.Functions;

/// <summary>
/// The Functions build's own <c>functions.metadata</c> (what the Functions host indexes and binds) against
/// the OpenAPI document: every HTTP function's route, methods and operation id, and no key level at the host.
/// </summary>
public sealed partial class FunctionMetadataTests
{
    private static readonly OpenApiContract Document = OpenApiContract.Instance;

    [GeneratedRegex(@"\{([^}:?]+)[^}]*\}")]
    private static partial Regex RouteParameter();

    private static readonly IReadOnlyList<HttpFunction> Built = Load();

    /// <summary>The operations: every HTTP function but the catch-all of unmatched routes.</summary>
    private static readonly IReadOnlyList<HttpFunction> Metadata = Built.Where(f => f.Name != UnmatchedRouteFunctions.Name).ToList();

    [Fact]
    public void Every_http_function_of_the_build_is_documented_with_its_methods_route_and_operation_id()
    {
        var documented = Document.Operations.ToDictionary(o => $"{o.Method.ToUpperInvariant()} {o.Path}");
        var wrong = new List<string>();
        foreach (var function in Metadata)
        foreach (var key in function.Keys)
        {
            if (!documented.TryGetValue(key, out var operation)) wrong.Add($"{key} ({function.Name}) is not documented");
            else if (operation.OperationId != function.Name) wrong.Add($"{key}: operationId {operation.OperationId}, function {function.Name}");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void Every_documented_operation_is_an_http_function_of_the_build()
    {
        var built = Metadata.SelectMany(f => f.Keys).ToHashSet();
        var missing = Document.Operations.Select(o => $"{o.Method.ToUpperInvariant()} {o.Path}").Where(k => !built.Contains(k)).ToArray();
        Assert.True(missing.Length == 0, "Documented but not in functions.metadata:\n  " + string.Join("\n  ", missing));
    }

    [Fact]
    public void Every_http_trigger_is_anonymous_to_the_host_so_the_app_checks_key_and_token()
    {
        // docs/decisions.md: the host decides its key check from this file alone, and a key-level trigger
        // would refuse a caller with a token and no key before the app's access check runs.
        var keyed = Metadata.Where(f => !f.AuthLevel.Equals("Anonymous", StringComparison.OrdinalIgnoreCase))
            .Select(f => $"{f.Name}: authLevel {f.AuthLevel}").ToArray();
        Assert.True(keyed.Length == 0, string.Join("\n", keyed));
    }

    [Fact]
    public void LocalHost_serves_exactly_the_http_functions_of_the_build()
    {
        var served = FunctionRoute.DiscoverServed(typeof(AssetService.Functions.ServiceRegistration).Assembly)
            .SelectMany(r => r.Methods.Select(m => $"{r.Name} {m} {r.Route} {r.Level}")).Order();
        var built = Built.SelectMany(f => f.Methods.Select(m => $"{f.Name} {m} {f.Route} {f.AuthLevel}")).Order();
        Assert.Equal(built, served);
    }

    [Fact]
    public void The_catch_all_takes_every_method_under_api_and_the_host_tries_it_last()
    {
        var catchAll = Assert.Single(Built, f => f.Name == UnmatchedRouteFunctions.Name);
        Assert.Equal("{*path}", catchAll.Route);
        Assert.Equal(["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"], catchAll.Methods.Order(StringComparer.Ordinal));
        // The host sorts its functions by name (OrdinalIgnoreCase) and tries their routes in that order.
        var last = Built.Select(f => f.Name).Order(StringComparer.OrdinalIgnoreCase).Last();
        Assert.Equal(UnmatchedRouteFunctions.Name, last);
        Assert.Single(Built, f => f.Route.Contains("{*", StringComparison.Ordinal));
    }

    private sealed record HttpFunction(string Name, string Route, string[] Methods, string AuthLevel)
    {
        public IEnumerable<string> Keys => Methods.Select(m => $"{m} /api/{RouteParameter().Replace(Route, "{$1}")}");
    }

    private static IReadOnlyList<HttpFunction> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        Assert.True(File.Exists(path), $"{path} is missing: the Functions build writes it (Microsoft.Azure.Functions.Worker.Sdk)");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var functions = (from function in document.RootElement.EnumerateArray()
                         from binding in function.GetProperty("bindings").EnumerateArray()
                         where binding.GetProperty("type").GetString() == "httpTrigger"
                         select new HttpFunction(function.GetProperty("name").GetString()!, binding.GetProperty("route").GetString()!,
                             binding.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).ToArray(),
                             binding.GetProperty("authLevel").GetString()!)).ToList();
        Assert.NotEmpty(functions);
        return functions;
    }
}
