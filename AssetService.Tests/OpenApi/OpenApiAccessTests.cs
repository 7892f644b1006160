using AssetService.Tests.Support;
using AssetService.Functions.Http;

namespace AssetService.Tests.OpenApi;

/// <summary>What the document says about credentials holds for every operation it lists.</summary>
public sealed class OpenApiAccessTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static string Url(OpenApiOperation operation) =>
        "/" + string.Join('/', operation.Segments.Select(s => s.StartsWith('{') ? "X" : s));

    private static bool IsAnonymous(OpenApiOperation operation) => operation.Node["security"] is System.Text.Json.Nodes.JsonArray { Count: 0 };

    [Fact]
    public void Each_operation_documents_the_role_its_function_declares()
    {
        var declared = FunctionRoute.Discover(typeof(AssetService.Functions.ServiceRegistration).Assembly)
            .ToDictionary(r => $"{r.Methods.Single()} {r.Path}", r => r.Access.Required);
        foreach (var operation in OpenApiContract.Instance.Operations)
        {
            var role = declared[$"{operation.Method} {operation.Path}"];
            var documented = (string?)operation.Node["x-required-role"];
            Assert.True(documented == (role is null ? null : "AssetService." + role), $"{operation.OperationId}: x-required-role {documented}, declared {role}");
            if (role is null) continue;
            Assert.Equal("AssetService." + role, (string?)operation.Node["security"]![2]!["bearer"]![0]);
            Assert.NotNull(operation.Node["responses"]!["401"]);
            Assert.NotNull(operation.Node["responses"]!["403"]);
        }
    }

    [Fact]
    public async Task Every_key_protected_operation_answers_401_without_a_key()
    {
        var wrong = new List<string>();
        foreach (var operation in OpenApiContract.Instance.Operations.Where(o => !IsAnonymous(o)))
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
        foreach (var operation in OpenApiContract.Instance.Operations.Where(IsAnonymous))
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
