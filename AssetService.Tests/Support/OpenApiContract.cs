extern alias JsonEverything;

using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using AssetService.Functions.OpenApi;
using JsonEverything::Json.Schema;

namespace AssetService.Tests.Support;

/// <summary>One operation of the OpenAPI document: its path template, method and JSON.</summary>
public sealed record OpenApiOperation(string Path, string Method, JsonObject Node)
{
    public string OperationId => (string)Node["operationId"]!;
    public string[] Segments { get; } = Path.Trim('/').Split('/');
    public int LiteralSegments => Segments.Count(s => !s.StartsWith('{'));

    public bool Matches(string[] requestSegments) =>
        requestSegments.Length == Segments.Length &&
        Segments.Zip(requestSegments).All(p => p.First.StartsWith('{') || p.First == p.Second);
}

/// <summary>
/// The embedded OpenAPI document read as a contract: finds the operation of a request and checks a
/// response (status, media type, required headers, JSON body against the schema) against it.
/// </summary>
public sealed class OpenApiContract
{
    private const string ComponentSchemas = "#/components/schemas/";
    private const string ComponentsUri = "https://asset-service.test/openapi/components";
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    // Lazy: GetOrAdd may run its factory twice under contention, and the schema registry refuses a second registration.
    private readonly ConcurrentDictionary<string, Lazy<JsonSchema>> schemas = new();
    private readonly BuildOptions build = new() { SchemaRegistry = new SchemaRegistry() };
    private readonly Lock building = new();

    public static OpenApiContract Instance { get; } = new(JsonNode.Parse(ApiDocs.OpenApiDocument)!.AsObject());

    public OpenApiContract(JsonObject document)
    {
        // A parsed JsonObject fills its dictionary on first access, unsynchronised: fill every one now,
        // so that test classes running in parallel only ever read.
        Materialize(document);
        Document = document;
        Operations = OperationsOf(document["paths"]);
        LocalHostOperations = OperationsOf(document["x-localhost-paths"]);
        // The component schemas once, as one schema document every response schema refers into.
        var components = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = ComponentsUri,
            ["$defs"] = RewriteRefs(document["components"]!["schemas"]!.DeepClone()),
        };
        JsonSchema.FromText(components.ToJsonString(), build);
    }

    public JsonObject Document { get; }

    /// <summary>The operations of <c>paths</c>: what the Functions app serves.</summary>
    public IReadOnlyList<OpenApiOperation> Operations { get; }

    /// <summary>The operations of <c>x-localhost-paths</c>: routes only AssetService.LocalHost serves.</summary>
    public IReadOnlyList<OpenApiOperation> LocalHostOperations { get; }

    private IEnumerable<OpenApiOperation> All => Operations.Concat(LocalHostOperations);

    /// <summary>The operation serving a request path, preferring literal segments over parameters.</summary>
    public OpenApiOperation? Find(string method, string path)
    {
        var segments = path.Trim('/').Split('/');
        return All.Where(o => o.Method == method.ToUpperInvariant() && o.Matches(segments))
            .OrderByDescending(o => o.LiteralSegments).FirstOrDefault();
    }

    public bool HasPath(string path)
    {
        var segments = path.Trim('/').Split('/');
        return All.Any(o => o.Matches(segments));
    }

    private static OpenApiOperation[] OperationsOf(JsonNode? paths) =>
        (from path in paths?.AsObject() ?? []
         from method in Methods
         let node = path.Value![method]
         where node is not null
         select new OpenApiOperation(path.Key, method.ToUpperInvariant(), node.AsObject())).ToArray();

    /// <summary>A response object of an operation, <c>$ref</c>s into components/responses resolved.</summary>
    public JsonObject? Response(OpenApiOperation operation, int status) =>
        Resolve(operation.Node["responses"]?[status.ToString()])?.AsObject();

    /// <summary>The node a local <c>$ref</c> (<c>#/components/...</c>) points to, followed until it is none.</summary>
    public JsonNode? Resolve(JsonNode? node)
    {
        while (node?["$ref"] is JsonValue reference)
            node = ((string)reference!).TrimStart('#', '/').Split('/').Aggregate((JsonNode)Document, (n, part) => n[part]!);
        return node;
    }

    /// <summary>A schema's type, the first besides <c>null</c> where it lists several.</summary>
    public static string? TypeOf(JsonNode? schema) => schema?["type"] switch
    {
        JsonArray types => types.Select(t => (string?)t).FirstOrDefault(t => t != "null"),
        JsonValue type => (string?)type,
        _ => null,
    };

    /// <summary>Every way the response differs from the document; empty when it conforms.</summary>
    public IReadOnlyList<string> Check(OpenApiOperation operation, int status, string? mediaType, IReadOnlyCollection<string> headers, byte[] body)
    {
        var response = Response(operation, status);
        if (response is null)
            return [$"status {status} is not documented (documented: {string.Join(", ", operation.Node["responses"]!.AsObject().Select(r => r.Key))})"];

        var problems = new List<string>();
        foreach (var (name, header) in response["headers"]?.AsObject() ?? [])
            if (header?["required"]?.GetValue<bool>() == true && !headers.Contains(name, StringComparer.OrdinalIgnoreCase))
                problems.Add($"required header {name} is missing");

        var content = response["content"]?.AsObject();
        if (content is null)
        {
            if (body.Length > 0) problems.Add($"status {status} is documented without a body, but the response has {body.Length} bytes");
            return problems;
        }
        if (mediaType is null || !content.ContainsKey(mediaType))
        {
            problems.Add($"content type {mediaType ?? "(none)"} is not documented (documented: {string.Join(", ", content.Select(c => c.Key))})");
            return problems;
        }
        if (mediaType != "application/json") return problems;

        JsonElement json;
        try
        {
            json = JsonDocument.Parse(body).RootElement.Clone();
        }
        catch (JsonException e)
        {
            problems.Add($"the body is not JSON: {e.Message}");
            return problems;
        }
        problems.AddRange(Validate(content[mediaType]!["schema"]!, $"{operation.OperationId}/{status}", json));
        return problems;
    }

    /// <summary>Validates JSON against a schema of the document (refs to components/schemas resolved).</summary>
    public IReadOnlyList<string> Validate(JsonNode schema, string key, JsonElement instance)
    {
        var compiled = schemas.GetOrAdd(key, _ => new Lazy<JsonSchema>(() => Compile(schema, key))).Value;
        var result = compiled.Evaluate(instance, Evaluation);
        if (result.IsValid) return [];
        return (from detail in (result.Details ?? []).Prepend(result)
                where detail.Errors is { Count: > 0 }
                from error in detail.Errors!
                select $"at {Show(detail.InstanceLocation.ToString())}: {error.Value} (schema {detail.EvaluationPath})").Distinct().ToArray();
    }

    /// <summary>Validates JSON against a named component schema, e.g. <c>AssetResponse</c>.</summary>
    public IReadOnlyList<string> ValidateComponent(string name, JsonElement instance) =>
        Validate(new JsonObject { ["$ref"] = ComponentSchemas + name }, "component/" + name, instance);

    private JsonSchema Compile(JsonNode schema, string key)
    {
        var root = RewriteRefs(schema.DeepClone()).AsObject();
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        lock (building) // the registry is shared
            return JsonSchema.FromText(root.ToJsonString(), build, new Uri($"https://asset-service.test/openapi/{Uri.EscapeDataString(key)}"));
    }

    private static JsonNode RewriteRefs(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToArray())
                {
                    if (name == "$ref" && value is JsonValue v && v.TryGetValue<string>(out var target) && target.StartsWith(ComponentSchemas, StringComparison.Ordinal))
                        obj[name] = ComponentsUri + "#/$defs/" + target[ComponentSchemas.Length..];
                    else if (value is not null)
                        RewriteRefs(value);
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                    if (item is not null) RewriteRefs(item);
                break;
        }
        return node;
    }

    private static void Materialize(JsonNode? node)
    {
        if (node is JsonObject obj) foreach (var (_, value) in obj) Materialize(value);
        else if (node is JsonArray array) foreach (var item in array) Materialize(item);
    }

    private static string Show(string pointer) => pointer.Length == 0 ? "(root)" : pointer;
}
