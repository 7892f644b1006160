using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace AssetService.Functions.Http;

public sealed record StaticFile(byte[] Content, string ContentType);

/// <summary>
/// Static files embedded in this assembly under one prefix (the docs page under <c>docs/</c>, the operator
/// page under <c>ui/</c>), read once and served by name; <paramref name="kind"/> names them in a 404.
/// </summary>
public sealed class EmbeddedFiles(string prefix, string kind)
{
    private readonly Lazy<FrozenDictionary<string, StaticFile>> files = new(() =>
        typeof(EmbeddedFiles).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .ToFrozenDictionary(name => name[prefix.Length..], name => new StaticFile(Read(name), ContentTypeOf(name)), StringComparer.Ordinal));

    public IEnumerable<string> Names => files.Value.Keys;

    public StaticFile? File(string name) => files.Value.GetValueOrDefault(name);

    /// <summary>The file with its content type, or a 404 naming it.</summary>
    public IActionResult Serve(string name) => File(name) is { } file
        ? new StaticContentResult(file.Content, file.ContentType)
        : ApiResult.Detail(StatusCodes.Status404NotFound, $"No such {kind} file: {name}");

    public static byte[] Read(string resource)
    {
        using var stream = typeof(EmbeddedFiles).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} is missing from {typeof(EmbeddedFiles).Assembly.GetName().Name}");
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
        var other => throw new InvalidOperationException($"No content type for embedded file {name} ({other})"),
    };
}
