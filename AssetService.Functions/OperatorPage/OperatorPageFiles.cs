using AssetService.Functions.Http;
using Microsoft.AspNetCore.Mvc;

namespace AssetService.Functions.OperatorPage;

/// <summary>The page's own files (<c>OperatorPage/Page/</c>) and uPlot from its npm package, embedded under <c>ui/</c>.</summary>
public static class OperatorPageFiles
{
    private static readonly EmbeddedFiles Files = new("ui/", "operator page");

    public static IEnumerable<string> FileNames => Files.Names;

    public static IActionResult Serve(string name) => Files.Serve(name);
}
