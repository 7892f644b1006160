using System.Text.Json;
using System.Text.RegularExpressions;
using AssetService.LocalHost;
using AssetService.Tests.Support;

namespace AssetService.Tests.Functions;

/// <summary>
/// The Functions build's own <c>functions.metadata</c> (what the Functions host indexes and binds) against
/// the OpenAPI document: every HTTP function's route, methods and authorization level.
/// </summary>
public sealed partial class FunctionMetadataTests
{
    private static readonly OpenApiContract Document = OpenApiContract.Instance;

    [GeneratedRegex(@"\{([^}:?]+)[^}]*\}")]
    private static partial Regex RouteParameter();

    private static readonly IReadOnlyList<HttpFunction> Metadata = Load();

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
    public void Authorization_levels_match_the_document_anonymous_exactly_where_it_needs_no_key()
    {
        var documented = Document.Operations.ToDictionary(o => $"{o.Method.ToUpperInvariant()} {o.Path}");
        var wrong = (from function in Metadata
                     from key in function.Keys
                     where documented.ContainsKey(key)
                     let anonymousInDocument = documented[key].Node["security"] is { } security && security.AsArray().Count == 0
                     let anonymousBuilt = function.AuthLevel.Equals("Anonymous", StringComparison.OrdinalIgnoreCase)
                     where anonymousInDocument != anonymousBuilt || (!anonymousBuilt && !function.AuthLevel.Equals("Function", StringComparison.OrdinalIgnoreCase))
                     select $"{key}: authLevel {function.AuthLevel}").ToArray();
        Assert.True(wrong.Length == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void LocalHost_serves_exactly_the_http_functions_of_the_build()
    {
        var served = FunctionRoute.Discover(typeof(AssetService.Functions.ServiceRegistration).Assembly)
            .SelectMany(r => r.Methods.Select(m => $"{r.Name} {m} {r.Route} {r.Level}")).Order();
        var built = Metadata.SelectMany(f => f.Methods.Select(m => $"{f.Name} {m} {f.Route} {f.AuthLevel}")).Order();
        Assert.Equal(built, served);
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
