using System.Text.Json.Nodes;
using SchemaNode = System.Text.Json.Nodes.JsonObject;

namespace AssetService.Core.Common;

/// <summary>
/// The JSON Schema of a request field as the OpenAPI document shows it: written inline where it is used,
/// or once as a named component that each use references. Built on demand into a <see cref="SchemaSet"/>,
/// so that object schemas can be described by the binders that read them.
/// </summary>
public sealed class FieldSchema
{
    private readonly Func<SchemaSet, SchemaNode>? build;
    private readonly string? description;
    private readonly JsonNode? example;

    private FieldSchema(Func<SchemaSet, SchemaNode>? build, string? component, string? description, JsonNode? example)
    {
        this.build = build;
        Component = component;
        this.description = description;
        this.example = example;
    }

    /// <summary>The component this schema is written as, if it is one.</summary>
    public string? Component { get; }

    public static FieldSchema Inline(Func<SchemaSet, SchemaNode> build) => new(build, null, null, null);

    /// <summary>A schema given as JSON text (a fresh copy at every use).</summary>
    public static FieldSchema Inline(string json) => Inline(_ => JsonNode.Parse(json)!.AsObject());

    /// <summary>A component declared elsewhere in the document (the vocabularies' enums), referenced by name.</summary>
    public static FieldSchema Reference(string component) => new(null, component, null, null);

    public FieldSchema Named(string component, string? componentDescription = null, JsonNode? componentExample = null) =>
        new(set => Annotate(Build(set), componentDescription, componentExample), component, null, null);

    public FieldSchema Described(string fieldDescription, JsonNode? fieldExample = null) =>
        new(build, Component, fieldDescription, fieldExample ?? example);

    /// <summary>The same schema with an example at this use (a parameter's, whose words are the parameter's own).</summary>
    public FieldSchema WithExample(JsonNode fieldExample) => new(build, Component, description, fieldExample);

    /// <summary>The schema at one use: a <c>$ref</c> to its component or the schema itself; <paramref name="nullable"/> admits null.</summary>
    public SchemaNode Use(SchemaSet set, bool nullable)
    {
        SchemaNode schema;
        if (Component is not null && nullable && build is not null && build(set) is var scalar && IsScalar(scalar))
        {
            // Inline: generators (Kiota) read anyOf [$ref to a string, null] as a union and warn; a type list is plain.
            schema = scalar;
            AdmitNull(schema);
        }
        else if (Component is { } name)
        {
            if (build is not null) set.Define(name, () => build(set));
            else set.Require(name);
            schema = new SchemaNode { ["$ref"] = SchemaSet.Ref(name) };
            if (nullable) schema = new SchemaNode { ["anyOf"] = new JsonArray(schema, new SchemaNode { ["type"] = "null" }) };
        }
        else
        {
            schema = Build(set);
            if (nullable) AdmitNull(schema);
        }
        return Annotate(schema, description, example);
    }

    private static bool IsScalar(SchemaNode schema) => schema["type"] is JsonValue type && type.GetValue<string>() != "object";

    private SchemaNode Build(SchemaSet set) => build is null
        ? new SchemaNode { ["$ref"] = SchemaSet.Ref(Component!) }
        : build(set);

    private static SchemaNode Annotate(SchemaNode schema, string? description, JsonNode? example)
    {
        if (description is not null) schema["description"] = description;
        if (example is not null) schema["examples"] = new JsonArray(example.DeepClone());
        return schema;
    }

    private static void AdmitNull(SchemaNode schema)
    {
        switch (schema["type"])
        {
            case JsonValue type:
                schema["type"] = new JsonArray(type.GetValue<string>(), "null");
                break;
            case null:
                var alternatives = schema["anyOf"]?.AsArray() ?? throw new InvalidOperationException("A nullable schema needs a type or anyOf");
                alternatives.Add(new SchemaNode { ["type"] = "null" });
                break;
        }
    }
}

/// <summary>The named schemas one document build has written, in the order first used.</summary>
public sealed class SchemaSet
{
    private readonly Dictionary<string, SchemaNode?> components = new(StringComparer.Ordinal);
    private readonly SortedSet<string> required = new(StringComparer.Ordinal);

    public static string Ref(string component) => "#/components/schemas/" + component;

    public IEnumerable<KeyValuePair<string, SchemaNode>> Components =>
        components.Select(c => KeyValuePair.Create(c.Key, c.Value ?? throw new InvalidOperationException($"{c.Key} is still being built")));

    /// <summary>Components referenced but declared elsewhere (the document's vocabularies).</summary>
    public IReadOnlyCollection<string> Required => required;

    /// <summary>Writes a component at its first use; a later use must declare the same schema.</summary>
    public void Define(string name, Func<SchemaNode> build)
    {
        if (components.TryGetValue(name, out var defined))
        {
            if (defined is not null && !JsonNode.DeepEquals(defined, build()))
                throw new InvalidOperationException($"Two declarations of the schema {name} differ: give them different names or make them one");
            return;
        }
        components[name] = null; // a recursive use references it while it is being built
        components[name] = build();
    }

    public void Require(string name) => required.Add(name);
}
