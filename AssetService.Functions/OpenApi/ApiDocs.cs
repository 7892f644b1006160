using System.Collections.Frozen;
using System.Reflection;

namespace AssetService.Functions.OpenApi;

/// <summary>
/// The embedded OpenAPI document (<c>OpenApi/openapi.json</c>, the one description of the HTTP API, held
/// true by tests) and the docs page files (Swagger UI from the npm package swagger-ui-dist, plus our page).
/// </summary>
public static class ApiDocs
{
    private const string DocsPrefix = "docs/";

    private static readonly Lazy<byte[]> Document = new(() => Read("openapi.json"));

    private static readonly Lazy<FrozenDictionary<string, DocsFile>> Files = new(() =>
        typeof(ApiDocs).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(DocsPrefix, StringComparison.Ordinal))
            .ToFrozenDictionary(name => name[DocsPrefix.Length..], name => new DocsFile(Read(name), ContentTypeOf(name)), StringComparer.Ordinal));

    /// <summary>The OpenAPI document as served by <c>GET /api/openapi.json</c>.</summary>
    public static byte[] OpenApiDocument => Document.Value;

    /// <summary>The file names under <c>/api/docs/</c>.</summary>
    public static IEnumerable<string> FileNames => Files.Value.Keys;

    public static DocsFile? File(string name) => Files.Value.GetValueOrDefault(name);

    private static byte[] Read(string resource)
    {
        using var stream = typeof(ApiDocs).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} is missing from {typeof(ApiDocs).Assembly.GetName().Name}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".png" => "image/png",
        ".txt" => "text/plain; charset=utf-8",
        var other => throw new InvalidOperationException($"No content type for docs file {name} ({other})"),
    };
}

public sealed record DocsFile(byte[] Content, string ContentType);
