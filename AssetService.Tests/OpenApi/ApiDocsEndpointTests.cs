using System.Text.RegularExpressions;
using AssetService.Functions.OpenApi;
using AssetService.Tests.Support;

namespace AssetService.Tests.OpenApi;

public sealed partial class ApiDocsEndpointTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [GeneratedRegex("(?:src|href)=\"([^\"]+)\"|url: \"([^\"]+)\"")]
    private static partial Regex Reference();

    [Fact]
    public async Task The_document_is_served_anonymously_as_embedded()
    {
        var response = await api.Anonymous.GetAsync("/api/openapi.json");
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ApiDocs.OpenApiDocument, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_docs_page_loads_everything_from_this_host()
    {
        var page = await api.Anonymous.GetAsync("/api/docs");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        var init = await api.Anonymous.GetStringAsync("/api/docs/init.js");
        var references = Reference().Matches(html + init).Select(m => m.Groups.Values.Skip(1).First(g => g.Success).Value).Distinct().ToArray();

        Assert.Contains("/api/docs/swagger-ui-bundle.js", references);
        Assert.Contains("/api/docs/swagger-ui.css", references);
        Assert.Contains("/api/openapi.json", references);
        foreach (var reference in references)
        {
            Assert.StartsWith("/api/", reference); // no CDN: everything comes from the app
            var response = await api.Anonymous.GetAsync(reference);
            Assert.True(response.IsSuccessStatusCode, $"{reference}: {(int)response.StatusCode}");
        }
    }

    [Theory]
    [InlineData("swagger-ui-bundle.js", "text/javascript")]
    [InlineData("swagger-ui.css", "text/css")]
    [InlineData("favicon-32x32.png", "image/png")]
    [InlineData("index.html", "text/html")]
    public async Task Docs_files_come_with_their_content_type(string file, string type)
    {
        var response = await api.Anonymous.GetAsync($"/api/docs/{file}");
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 0);
    }

    [Fact]
    public async Task An_unknown_docs_file_is_404_with_a_detail()
    {
        var missing = await api.Anonymous.GetAsync("/api/docs/nothing.js").ExpectAsync(404);
        Assert.Contains("nothing.js", missing.GetProperty("detail").GetString());
    }
}
