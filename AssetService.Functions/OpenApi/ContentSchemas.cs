using System.Text.Json.Nodes;
using AssetService.Core.Common;
using AssetService.Functions.Http;
using SchemaNode = System.Text.Json.Nodes.JsonObject;

namespace AssetService.Functions.OpenApi;

/// <summary>
/// Writes the schemas that follow from what the code sends rather than from a record: every body that is not
/// JSON (CSV, the docs page's files: text, or bytes for an image), where the source may only say in words what
/// it holds (<c>"schema": {"description": ...}</c>), and every response header, from the code that sets it.
/// </summary>
public static class ContentSchemas
{
    /// <summary>The headers the service writes, by their key in the document (a component's name or the header's).</summary>
    private static readonly Dictionary<string, FieldSchema> Headers = new(StringComparer.Ordinal)
    {
        // ApiResult.Created: the created resource's path.
        ["Location"] = Wire.Text,
        // ErrorMapping: whole seconds (RetryAfterSeconds).
        ["Retry-After"] = Wire.Integer(1),
        ["RequestId"] = TraceId.Schema,
        // AccessCheck: a Bearer challenge (RFC 6750).
        ["WWW-Authenticate"] = Wire.Text,
    };

    public static void Write(SchemaNode document, SchemaSet set)
    {
        // Operations and responses: not the schemas, whose fields could be named "content" or "headers".
        JsonNode?[] roots = [document["paths"], document["x-localhost-paths"], document["components"]?["responses"]];
        // Collected before they are written to: the walk must not run over objects being changed.
        foreach (var content in roots.SelectMany(root => Nodes(root, "content")).ToArray())
            foreach (var (mediaType, node) in content)
                if (!mediaType.StartsWith("application/json", StringComparison.Ordinal)) WriteBody(mediaType, node!.AsObject());
        var headerMaps = roots.SelectMany(root => Nodes(root, "headers")).ToList();
        if (document["components"]?["headers"] is SchemaNode components) headerMaps.Add(components);
        foreach (var headers in headerMaps)
            foreach (var (name, node) in headers)
            {
                var header = node!.AsObject();
                if (header["$ref"] is not null) continue;
                if (header["schema"] is not null)
                    throw new InvalidOperationException($"The header {name}: its schema is written from the code; remove it from openapi.source.json");
                header["schema"] = (Headers.GetValueOrDefault(name)
                    ?? throw new InvalidOperationException($"The header {name} has no schema in ContentSchemas.Headers")).Use(set, nullable: false);
            }
    }

    // A non-JSON body is a string (contentMediaType for bytes); the source's description stays beside it.
    private static void WriteBody(string mediaType, SchemaNode content)
    {
        var words = content["schema"]?.AsObject();
        if (words is not null && words.Any(p => p.Key != "description"))
            throw new InvalidOperationException($"A {mediaType} body's schema is written from its media type; keep only its description in openapi.source.json");
        var schema = new SchemaNode { ["type"] = "string" };
        if (!mediaType.StartsWith("text/", StringComparison.Ordinal)) schema["contentMediaType"] = mediaType;
        if (words?["description"] is { } description) schema["description"] = description.DeepClone();
        content["schema"] = schema;
    }

    // Every object under a key of this name anywhere in the document.
    private static IEnumerable<SchemaNode> Nodes(JsonNode? node, string key) =>
        DocumentNodes.Members(node).Where(p => p.Key == key).Select(p => p.Value).OfType<SchemaNode>();
}
