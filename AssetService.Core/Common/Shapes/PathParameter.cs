using SchemaNode = System.Text.Json.Nodes.JsonObject;

namespace AssetService.Core.Common;

/// <summary>
/// A route parameter (<c>{asset_id}</c>) as the document shows it, declared once per name; a
/// <see cref="Component"/> writes it once under <c>components/parameters</c> for every route that has it.
/// </summary>
public sealed record PathParameter(string Name, string Description, FieldSchema Schema, string? Component = null)
{
    public SchemaNode Write(SchemaSet set) => ParameterObject.Write(Name, "path", required: true, Description, Schema.Use(set, nullable: false));
}

/// <summary>An OpenAPI parameter object, as every kind of parameter starts it.</summary>
internal static class ParameterObject
{
    public static SchemaNode Write(string name, string location, bool required, string description, SchemaNode schema) => new()
    {
        ["name"] = name,
        ["in"] = location,
        ["required"] = required,
        ["description"] = description,
        ["schema"] = schema,
    };
}
