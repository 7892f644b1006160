using AssetService.Functions.Http;

namespace AssetService.Functions.OperatorPage;

/// <summary>The page's own files (<c>OperatorPage/Page/</c>) and uPlot from its npm package, embedded under <c>ui/</c>.</summary>
public static class OperatorPageFiles
{
    private static readonly EmbeddedFiles Files = new("ui/");

    public static IEnumerable<string> FileNames => Files.Names;

    public static StaticFile? File(string name) => Files.File(name);
}
