using AssetService.Tests.Support;

namespace AssetService.Tests.OpenApi;

/// <summary>What the document says about keys holds for every operation it lists.</summary>
public sealed class OpenApiAccessTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static string Url(OpenApiOperation operation) =>
        "/" + string.Join('/', operation.Segments.Select(s => s.StartsWith('{') ? "X" : s));

    [Fact]
    public async Task Every_key_protected_operation_answers_401_without_a_key()
    {
        var wrong = new List<string>();
        foreach (var operation in OpenApiContract.Instance.Operations.Where(o => o.Node["security"] is null))
        {
            var request = new HttpRequestMessage(new HttpMethod(operation.Method), Url(operation));
            if (operation.Node["requestBody"] is not null) request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            var status = (int)(await api.Anonymous.SendAsync(request)).StatusCode; // the response is validated too
            if (status != 401) wrong.Add($"{operation.Method} {operation.Path} ({operation.OperationId}): {status}");
        }
        Assert.True(wrong.Count == 0, "Expected 401 without a key:\n  " + string.Join("\n  ", wrong));
    }

    [Fact]
    public async Task Every_anonymous_operation_answers_without_a_key()
    {
        foreach (var operation in OpenApiContract.Instance.Operations.Where(o => o.Node["security"] is not null))
        {
            var url = operation.Path switch
            {
                "/api/docs/{file}" => "/api/docs/swagger-ui.css",
                "/api/ui/{file}" => "/api/ui/uPlot.min.css",
                _ => Url(operation),
            };
            var response = await api.Anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(operation.Method), url));
            Assert.True(response.IsSuccessStatusCode, $"{operation.OperationId}: {(int)response.StatusCode}");
        }
    }
}
