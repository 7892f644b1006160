using System.Text;
using System.Text.Json;

namespace AssetService.Tests.Support;

/// <summary>
/// Checks every response of a test client against the OpenAPI document: the operation (path template and
/// method) must document the status, media type and required headers, and the JSON body must validate
/// against the schema. A response that drifts fails the test that made the request, with every difference.
/// A request outside the document must be refused (404 or 405), and a request the service accepted (2xx)
/// must be one the document allows (<see cref="OpenApiRequestCheck"/>).
/// </summary>
public sealed class OpenApiValidatingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly OpenApiContract contract = OpenApiContract.Instance;
    private readonly OpenApiRequestCheck requests = new(OpenApiContract.Instance);

    public OpenApiValidatingHandler() : this(new HttpClientHandler())
    {
    }

    /// <summary>False for a client whose requests are meant to be outside the document (the hostile-input tests).</summary>
    public bool ChecksRequests { get; init; } = true;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        byte[]? sent = null;
        if (request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken);
            sent = await request.Content.ReadAsByteArrayAsync(cancellationToken);
        }
        var response = await base.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var problems = Check(request.Method.Method, request.RequestUri!.AbsolutePath, response, body).ToList();
        if (ChecksRequests && response.IsSuccessStatusCode && contract.Find(request.Method.Method, request.RequestUri.AbsolutePath) is { } operation)
            problems.AddRange(requests.Check(operation, request.RequestUri, request.Content?.Headers.ContentType?.MediaType, sent)
                .Select(p => "request: " + p));
        if (problems.Count > 0)
            throw new OpenApiDriftException(Describe(request, response, body, problems));
        return response;
    }

    public IReadOnlyList<string> Check(string method, string path, HttpResponseMessage response, byte[] body)
    {
        var status = (int)response.StatusCode;
        var operation = contract.Find(method, path);
        if (operation is null)
        {
            if (status is 404 or 405)
                return response.Content.Headers.ContentType?.MediaType == "application/json"
                    ? contract.ValidateComponent("ErrorDetail", JsonDocument.Parse(body).RootElement)
                    : [];
            return [contract.HasPath(path)
                ? $"{method} is not documented for this path, yet the service answered {status} instead of refusing it"
                : $"the path is not in the document, yet the service answered {status} instead of 404"];
        }
        var headers = response.Headers.Select(h => h.Key).Concat(response.Content.Headers.Select(h => h.Key)).ToArray();
        return contract.Check(operation, status, response.Content.Headers.ContentType?.MediaType, headers, body);
    }

    private string Describe(HttpRequestMessage request, HttpResponseMessage response, byte[] body, IReadOnlyList<string> problems)
    {
        var operation = contract.Find(request.Method.Method, request.RequestUri!.AbsolutePath);
        var text = Encoding.UTF8.GetString(body);
        return new StringBuilder()
            .AppendLine($"The response to {request.Method} {request.RequestUri.PathAndQuery} ({operation?.OperationId ?? "no documented operation"}, status {(int)response.StatusCode}) drifts from AssetService.Functions/OpenApi/openapi.json:")
            .AppendJoin(Environment.NewLine, problems.Select(p => "  - " + p)).AppendLine()
            .Append("Response body: ").Append(text.Length > 2000 ? text[..2000] + "..." : text)
            .ToString();
    }
}

/// <summary>A response that the OpenAPI document does not describe.</summary>
public sealed class OpenApiDriftException(string message) : Exception(message);
