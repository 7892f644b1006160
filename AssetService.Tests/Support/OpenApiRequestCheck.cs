using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace AssetService.Tests.Support;

/// <summary>
/// Checks a request that the service accepted (2xx) against its operation in the OpenAPI document: every
/// query and path parameter documented and valid for its schema, the required ones present, the JSON body
/// valid for the request schema, and a CSV body's header row made of the JSON entry's field names. A field
/// or parameter that a binder accepts and the document does not describe fails the test that sent it.
/// </summary>
public sealed class OpenApiRequestCheck(OpenApiContract contract)
{
    // Query parameters the security schemes take (the function key as ?code=), not the operation.
    private readonly HashSet<string> securityQueryParameters = (contract.Document["components"]?["securitySchemes"]?.AsObject() ?? [])
        .Where(s => (string?)s.Value?["in"] == "query").Select(s => (string)s.Value!["name"]!).ToHashSet(StringComparer.Ordinal);

    public IReadOnlyList<string> Check(OpenApiOperation operation, Uri uri, string? contentType, byte[]? body)
    {
        var problems = new List<string>();
        var parameters = Parameters(operation).ToArray();
        CheckQuery(operation, parameters, uri, problems);
        CheckPath(operation, parameters, uri, problems);
        CheckBody(operation, contentType, body, problems);
        return problems;
    }

    private IEnumerable<JsonObject> Parameters(OpenApiOperation operation) =>
        (operation.Node["parameters"]?.AsArray() ?? []).Select(p => Resolve(p!).AsObject());

    private JsonNode Resolve(JsonNode node) => contract.Resolve(node)!;

    private void CheckQuery(OpenApiOperation operation, JsonObject[] parameters, Uri uri, List<string> problems)
    {
        var query = QueryHelpers.ParseQuery(uri.Query);
        var documented = parameters.Where(p => (string?)p["in"] == "query").ToDictionary(p => (string)p["name"]!, StringComparer.Ordinal);
        foreach (var (name, values) in query)
        {
            if (securityQueryParameters.Contains(name)) continue;
            if (!documented.TryGetValue(name, out var parameter))
            {
                problems.Add($"query parameter '{name}' is not documented for {operation.OperationId}, yet the service accepted the request");
                continue;
            }
            var schema = Resolve(parameter["schema"]!);
            if (OpenApiContract.TypeOf(schema) == "array")
                foreach (var value in values)
                    problems.AddRange(contract.Validate(schema["items"]!, $"{operation.OperationId}/query/{name}/items", Typed(schema["items"]!, value!))
                        .Select(p => $"query parameter '{name}' value '{value}': {p}"));
            else
                problems.AddRange(contract.Validate(parameter["schema"]!, $"{operation.OperationId}/query/{name}", Typed(schema, values[^1]!))
                    .Select(p => $"query parameter '{name}' value '{values[^1]}': {p}"));
        }
        foreach (var (name, parameter) in documented)
            if (parameter["required"]?.GetValue<bool>() == true && !query.ContainsKey(name))
                problems.Add($"required query parameter '{name}' is missing, yet the service accepted the request");
    }

    private void CheckPath(OpenApiOperation operation, JsonObject[] parameters, Uri uri, List<string> problems)
    {
        var segments = uri.AbsolutePath.Trim('/').Split('/');
        foreach (var (template, value) in operation.Segments.Zip(segments))
        {
            if (!template.StartsWith('{')) continue;
            var name = template.Trim('{', '}');
            var parameter = parameters.FirstOrDefault(p => (string?)p["in"] == "path" && (string?)p["name"] == name);
            if (parameter is null)
            {
                problems.Add($"path parameter '{name}' is not documented for {operation.OperationId}");
                continue;
            }
            var text = Uri.UnescapeDataString(value);
            problems.AddRange(contract.Validate(parameter["schema"]!, $"{operation.OperationId}/path/{name}", Typed(Resolve(parameter["schema"]!), text))
                .Select(p => $"path parameter '{name}' value '{text}': {p}"));
        }
    }

    private void CheckBody(OpenApiOperation operation, string? contentType, byte[]? body, List<string> problems)
    {
        var requestBody = operation.Node["requestBody"] is { } node ? Resolve(node) : null;
        var empty = body is null || body.Length == 0;
        if (requestBody is null)
        {
            if (!empty) problems.Add($"{operation.OperationId} documents no request body, yet the service accepted one of {body!.Length} bytes");
            return;
        }
        if (empty)
        {
            if (requestBody["required"]?.GetValue<bool>() == true)
                problems.Add($"{operation.OperationId} documents a required request body, yet the service accepted none");
            return;
        }
        var content = requestBody["content"]!.AsObject();
        var mediaType = contentType ?? "application/json";
        if (!content.ContainsKey(mediaType))
        {
            problems.Add($"request content type {mediaType} is not documented for {operation.OperationId} (documented: {string.Join(", ", content.Select(c => c.Key))})");
            return;
        }
        if (mediaType == "application/json")
        {
            var schema = content[mediaType]!["schema"]!;
            // An empty schema takes any body, also one that is not JSON (the dev queue route's messages).
            if (schema is JsonObject { Count: 0 }) return;
            JsonElement json;
            try
            {
                json = JsonDocument.Parse(body!).RootElement.Clone();
            }
            catch (JsonException)
            {
                problems.Add($"the service accepted a request body that is not JSON for {operation.OperationId}");
                return;
            }
            problems.AddRange(contract.Validate(schema, $"{operation.OperationId}/request", json).Select(p => "request body " + p));
        }
        else if (mediaType == "text/csv" && content["application/json"]?["schema"] is { } jsonSchema)
            CheckCsvHeader(operation, Resolve(jsonSchema), body!, problems);
    }

    // A CSV body is the JSON body's one list field, line by line: its header names the entry's fields.
    private void CheckCsvHeader(OpenApiOperation operation, JsonNode schema, byte[] body, List<string> problems)
    {
        var list = schema["properties"]!.AsObject().Single(p => OpenApiContract.TypeOf(Resolve(p.Value!)) == "array");
        var entry = Resolve(Resolve(list.Value!)["items"]!);
        var fields = entry["properties"]!.AsObject().Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var header = Encoding.UTF8.GetString(body).Split('\n')[0].TrimEnd('\r').TrimStart('\uFEFF');
        foreach (var column in header.Split(',').Select(c => c.Trim('"')))
            if (!fields.Contains(column))
                problems.Add($"CSV column '{column}' is not a field of the documented {list.Key} entry of {operation.OperationId}");
    }

    /// <summary>A query or path text as the JSON value its schema types it: a number, a boolean or a string.</summary>
    private static JsonElement Typed(JsonNode schema, string text)
    {
        JsonNode? node = OpenApiContract.TypeOf(schema) switch
        {
            "integer" when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => JsonValue.Create(i),
            "number" when decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
            "boolean" when bool.TryParse(text, out var b) => JsonValue.Create(b),
            _ => JsonValue.Create(text),
        };
        return JsonSerializer.SerializeToElement(node);
    }
}
