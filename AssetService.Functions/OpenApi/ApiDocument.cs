using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using AssetService.Core.Common;
using AssetService.Functions.Http;
using SchemaNode = System.Text.Json.Nodes.JsonObject;

namespace AssetService.Functions.OpenApi;

/// <summary>
/// Builds the OpenAPI document: the hand-written part (<c>OpenApi/openapi.source.json</c>: paths, prose and
/// examples) with every request body schema written from the binder that reads it (<see cref="ObjectShape{T}"/>),
/// every response schema from the record that is answered (<see cref="ResponseShape"/>) and every enum from its
/// <see cref="Vocabulary"/>. <c>OpenApi/openapi.json</c> is this build's output, checked in for the
/// client generators and the linter; <c>OpenApiGeneratedCopyTests</c> fails when it differs.
/// </summary>
public static class ApiDocument
{
    private const string ComponentPrefix = "#/components/schemas/";

    /// <summary>What <c>GET /api/openapi.json</c> answers: this document; a client checks only what every 3.1 document has.</summary>
    public static readonly FieldSchema DocumentSchema = FieldSchema.Inline("""
        {"type": "object", "title": "OpenApiDocument", "required": ["openapi", "info", "paths"],
         "properties": {"openapi": {"type": "string", "pattern": "^3\\.1\\.[0-9]+$"}, "info": {"type": "object"}, "paths": {"type": "object"}}}
        """).Named("OpenApiDocument", "An OpenAPI 3.1 document: this one.");

    public static readonly JsonSerializerOptions Format = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The document as served and checked in: indented JSON with a final newline.</summary>
    public static byte[] Bytes() => [.. JsonSerializer.SerializeToUtf8Bytes(Build(), Format), (byte)'\n'];

    public static SchemaNode Build()
    {
        var document = JsonNode.Parse(EmbeddedFiles.Read("openapi.source.json"))!.AsObject();
        if (document["components"]!["schemas"] is not null)
            throw new InvalidOperationException("openapi.source.json declares schemas; every schema is written from the code");
        var schemas = new SchemaNode();
        document["components"]!["schemas"] = schemas;
        var shapes = RequestShapes();
        var set = new SchemaSet();
        foreach (var name in RequestBodyComponents(document))
        {
            if (!shapes.TryGetValue(name, out var shape))
                throw new InvalidOperationException($"The request body {name} is read by no ObjectShape: declare it with its binder");
            shape.Schema.Use(set, nullable: false);
        }
        ApiParameters.Write(document, set);
        ContentSchemas.Write(document, set);
        DocumentSchema.Use(set, nullable: false);
        foreach (var shape in ResponseShapes.All) shape.Schema.Use(set, nullable: false);
        foreach (var vocabulary in Vocabularies())
        {
            set.Define(vocabulary.Component!, vocabulary.Schema);
            if (vocabulary.ListComponent is { } list) set.Define(list, vocabulary.ListSchema);
        }
        foreach (var (name, schema) in set.Components) schemas[name] = schema;
        foreach (var name in set.Required.Concat(SchemaReferences(document)))
            if (!schemas.ContainsKey(name))
                throw new InvalidOperationException($"The document references the schema {name}, which nothing in the code declares");
        return document;
    }

    // Every component schema a $ref anywhere in the document names.
    private static IEnumerable<string> SchemaReferences(JsonNode document) =>
        from member in DocumentNodes.Members(document)
        where member.Key == "$ref" && member.Value is JsonValue
        let reference = member.Value!.GetValue<string>()
        where reference.StartsWith(ComponentPrefix, StringComparison.Ordinal)
        select reference[ComponentPrefix.Length..];

    /// <summary>Every object shape declared in Core (where every binder lives), by component name.</summary>
    public static IReadOnlyDictionary<string, IObjectShape> RequestShapes() =>
        StaticFieldsOf<IObjectShape>()
            .GroupBy(shape => shape.Name)
            .ToDictionary(g => g.Key, g => g.First());

    /// <summary>Every vocabulary in Core that is an enum of the document.</summary>
    public static IEnumerable<Vocabulary> Vocabularies() => StaticFieldsOf<Vocabulary>().Where(v => v.Component is not null);

    private static IEnumerable<T> StaticFieldsOf<T>() => Declarations.Of<T>(typeof(ObjectShape<>).Assembly);

    // The components the operations' JSON request bodies reference.
    private static IEnumerable<string> RequestBodyComponents(SchemaNode document) =>
        document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject())
            .Select(operation => operation.Value?["requestBody"]?["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>())
            .OfType<string>()
            .Select(reference => reference.StartsWith(ComponentPrefix, StringComparison.Ordinal)
                ? reference[ComponentPrefix.Length..]
                : throw new InvalidOperationException($"A request body references {reference}, not a component"))
            .Distinct();
}
