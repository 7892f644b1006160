using System.Text.Json.Nodes;
using SchemaNode = System.Text.Json.Nodes.JsonObject;

namespace AssetService.Core.Common;

/// <summary>
/// The document's words for a query parameter, given beside the call that reads it. A <see cref="Component"/>
/// writes the parameter once under <c>components/parameters</c> for every operation that reads it alike.
/// </summary>
public sealed record ParameterDoc(string Description, JsonNode? Example = null, string? Component = null)
{
    public static implicit operator ParameterDoc(string description) => new(description);

    public static ParameterDoc Shared(string component, string description, JsonNode? example = null) => new(description, example, component);
}

/// <summary>
/// A query parameter as a binder reads it (<see cref="QueryReader.Describe"/>): name, schema, whether it must be
/// given, and whether it takes several values (repeated or comma-separated: <c>style: form, explode: true</c>).
/// </summary>
public sealed record QueryParameter(string Name, FieldSchema Schema, bool Required, ParameterDoc? Doc, bool Several)
{
    /// <summary>The OpenAPI parameter object.</summary>
    public SchemaNode Write(SchemaSet set)
    {
        var parameter = ParameterObject.Write(Name, "query", Required,
            Doc?.Description ?? throw new InvalidOperationException($"The query parameter {Name} has no doc: give it one beside the call that reads it"),
            Schema.Use(set, nullable: false));
        if (Doc.Example is { } example) parameter["example"] = example.DeepClone();
        if (Several)
        {
            parameter["style"] = "form";
            parameter["explode"] = true;
        }
        return parameter;
    }
}
