using System.Text.RegularExpressions;
using AssetService.Tests.Support;

namespace AssetService.Tests.OperatorPage;

/// <summary>The operator page's files; what the page does in a browser is checked by scripts/operator-browser-test.mjs.</summary>
public sealed partial class OperatorPageEndpointTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [GeneratedRegex("(?:src|href)=\"(/[^\"]+)\"")]
    private static partial Regex Reference();

    [Fact]
    public async Task The_page_is_anonymous_and_loads_its_chart_library_from_this_host()
    {
        var page = await api.Anonymous.GetAsync("/api/ui?asset=DE_50HZ_WU_1&day=2026-03-29");
        Assert.Equal(200, (int)page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"day-chart\"", html);
        var references = Reference().Matches(html).Select(m => m.Groups[1].Value).Where(r => r.StartsWith("/api/ui/")).ToArray();

        Assert.Contains("/api/ui/uPlot.iife.min.js", references);
        Assert.Contains("/api/ui/operator.js", references);
        Assert.DoesNotContain("//", string.Concat(Reference().Matches(html).Select(m => m.Groups[1].Value.TrimStart('/'))));
        foreach (var reference in references)
        {
            var response = await api.Anonymous.GetAsync(reference);
            Assert.True(response.IsSuccessStatusCode, $"{reference}: {(int)response.StatusCode}");
            Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task The_chart_library_ships_with_its_licence_and_unknown_files_are_404()
    {
        var licence = await api.Anonymous.GetStringAsync("/api/ui/uPlot.LICENSE.txt");
        Assert.Contains("MIT", licence);
        var missing = await api.Anonymous.GetAsync("/api/ui/nothing.js").ExpectAsync(404);
        Assert.Contains("nothing.js", missing.GetProperty("detail").GetString());
    }
}
