using AssetService.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using AssetService.Functions.Http;

namespace AssetService.Tests.OpenApi;

/// <summary>
/// LocalHost serves the function routes and, beyond them, exactly the routes the document lists under
/// <c>x-localhost-paths</c> (the dev queue route), read from the running app's endpoints.
/// </summary>
public sealed class LocalHostRouteCoverageTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public void LocalHost_only_routes_are_exactly_those_under_x_localhost_paths()
    {
        var functions = FunctionRoute.Discover(typeof(AssetService.Functions.ServiceRegistration).Assembly)
            .SelectMany(r => r.Methods.Select(m => $"{m} {r.Path}")).ToHashSet();
        var served = ((IEndpointRouteBuilder)api.App).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && !raw.Contains("{*")) // the 404 fallback
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToHashSet();
        Assert.Superset(functions, served);

        var localOnly = served.Except(functions).Order().ToArray();
        var documented = OpenApiContract.Instance.LocalHostOperations.Select(o => $"{o.Method} {o.Path}").Order().ToArray();
        Assert.True(localOnly.SequenceEqual(documented),
            $"LocalHost-only routes served: [{string.Join(", ", localOnly)}]; under x-localhost-paths: [{string.Join(", ", documented)}]");
    }
}
