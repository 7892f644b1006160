using AssetService.Functions.Http;
using Microsoft.AspNetCore.Mvc;

namespace AssetService.Functions.OpenApi;

/// <summary>
/// The embedded OpenAPI document (<c>OpenApi/openapi.json</c>, the one description of the HTTP API, held
/// true by tests) and the docs page files (Swagger UI from the npm package swagger-ui-dist, plus our page).
/// </summary>
public static class ApiDocs
{
    private static readonly Lazy<byte[]> Document = new(ApiDocument.Bytes);

    private static readonly EmbeddedFiles Files = new("docs/", "docs");

    /// <summary>The OpenAPI document as served by <c>GET /api/openapi.json</c>.</summary>
    public static byte[] OpenApiDocument => Document.Value;

    /// <summary>The file names under <c>/api/docs/</c>.</summary>
    public static IEnumerable<string> FileNames => Files.Names;

    public static IActionResult Serve(string name) => Files.Serve(name);
}
