using System.Text.Json;
using System.Text.Json.Nodes;
using SchemaNode = System.Text.Json.Nodes.JsonObject;

namespace AssetService.Core.Common;

/// <summary>A request object shape without its result type: what the OpenAPI document is written from.</summary>
public interface IObjectShape
{
    string Name { get; }
    IReadOnlyList<ShapeField> Fields { get; }
    FieldSchema Schema { get; }
}

/// <summary>
/// A JSON object that a request carries, declared once by its binder: <see cref="Bind"/> reads a body
/// strictly (every problem at once, <c>extra_forbidden</c>), <see cref="Fields"/> and <see cref="Schema"/>
/// describe the same fields for the OpenAPI document and the CSV columns.
/// </summary>
public sealed class ObjectShape<T> : IObjectShape
{
    private readonly Func<JsonObject, T> bind;
    private readonly Lazy<IReadOnlyList<ShapeField>> fields;

    /// <param name="name">The component name in the document (<c>LimitEntry</c>).</param>
    /// <param name="description">The document's words for the whole object.</param>
    public ObjectShape(string name, string description, Func<JsonObject, T> bind, JsonNode? example = null)
    {
        this.bind = bind;
        Name = name;
        fields = new(() => JsonObject.Describe(bind));
        Schema = FieldSchema.Inline(set => Write(set, description, example)).Named(name);
        Parser = Common.Fields.Object(Schema, bind);
    }

    public string Name { get; }
    public IReadOnlyList<ShapeField> Fields => fields.Value;
    public FieldSchema Schema { get; }

    /// <summary>The object as a field of another (a list entry, a nested object).</summary>
    public FieldParser<T> Parser { get; }

    /// <summary>Binds a whole request body; throws one 422 listing every problem.</summary>
    public T Bind(JsonElement body) => JsonObject.Bind(body, bind);

    private SchemaNode Write(SchemaSet set, string description, JsonNode? example)
    {
        var properties = new SchemaNode();
        foreach (var field in Fields) properties[field.Name] = field.Schema.Use(set, field.Nullable);
        var schema = new SchemaNode { ["type"] = "object", ["title"] = Name, ["description"] = description };
        if (properties.Count > 0) schema["properties"] = properties;
        var required = Fields.Where(f => f.Required).Select(f => (JsonNode)f.Name).ToArray();
        if (required.Length > 0) schema["required"] = new JsonArray(required);
        schema["additionalProperties"] = false;
        if (example is not null) schema["examples"] = new JsonArray(example.DeepClone());
        return schema;
    }
}
