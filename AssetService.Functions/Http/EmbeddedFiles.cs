using System.Collections.Frozen;

namespace AssetService.Functions.Http;

public sealed record StaticFile(byte[] Content, string ContentType);

/// <summary>
/// Static files embedded in this assembly under one prefix (the docs page under <c>docs/</c>, the operator
/// page under <c>ui/</c>), read once and served by name.
/// </summary>
public sealed class EmbeddedFiles(string prefix)
{
    private readonly Lazy<FrozenDictionary<string, StaticFile>> files = new(() =>
        typeof(EmbeddedFiles).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .ToFrozenDictionary(name => name[prefix.Length..], name => new StaticFile(Read(name), ContentTypeOf(name)), StringComparer.Ordinal));

    public IEnumerable<string> Names => files.Value.Keys;

    public StaticFile? File(string name) => files.Value.GetValueOrDefault(name);

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
