using SchemaNode = System.Text.Json.Nodes.JsonObject;

namespace AssetService.Core.Common;

/// <summary>
/// A route parameter (<c>{asset_id}</c>) as the document shows it, declared once per name; a
/// <see cref="Component"/> writes it once under <c>components/parameters</c> for every route that has it.
/// </summary>
public sealed record PathParameter(string Name, string Description, FieldSchema Schema, string? Component = null)
{
    public SchemaNode Write(SchemaSet set) => new()
    {
        ["name"] = Name,
        ["in"] = "path",
        ["required"] = true,
        ["description"] = Description,
        ["schema"] = Schema.Use(set, nullable: false),
    };
}
