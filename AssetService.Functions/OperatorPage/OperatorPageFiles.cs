using System.Collections.Frozen;
using AssetService.Functions.OpenApi;

namespace AssetService.Functions.OperatorPage;

/// <summary>The page's own files (<c>OperatorPage/Page/</c>) and uPlot from its npm package, embedded under <c>ui/</c>.</summary>
public static class OperatorPageFiles
{
    private const string Prefix = "ui/";

    private static readonly Lazy<FrozenDictionary<string, DocsFile>> Files = new(() =>
        typeof(OperatorPageFiles).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal))
            .ToFrozenDictionary(name => name[Prefix.Length..], name => new DocsFile(Read(name), ContentTypeOf(name)), StringComparer.Ordinal));

    public static IEnumerable<string> FileNames => Files.Value.Keys;

    public static DocsFile? File(string name) => Files.Value.GetValueOrDefault(name);

    private static byte[] Read(string resource)
    {
        using var stream = typeof(OperatorPageFiles).Assembly.GetManifestResourceStream(resource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".txt" => "text/plain; charset=utf-8",
        var other => throw new InvalidOperationException($"No content type for operator page file {name} ({other})"),
    };
}
