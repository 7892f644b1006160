using System.Text.Json;
using System.Text.Json.Nodes;

namespace AssetService.Core.Common;

/// <summary>Reads one JSON value; on failure adds a problem at <paramref name="loc"/> and returns false.</summary>
public delegate bool ParseField<T>(JsonElement value, Loc loc, Problems problems, out T result);

/// <summary>
/// A request field's reader and what it accepts, in one declaration: the binders call <see cref="Parse"/>,
/// the OpenAPI document is written from <see cref="Schema"/> (docs/openapi.md).
/// </summary>
public sealed class FieldParser<T>(FieldSchema schema, ParseField<T> parse)
{
    public FieldSchema Schema => schema;

    public bool Parse(JsonElement value, Loc loc, Problems problems, out T result) => parse(value, loc, problems, out result);

    /// <summary>The same reader, its schema written once under <c>components/schemas/{component}</c> and referenced.</summary>
    public FieldParser<T> Named(string component, string? description = null, JsonNode? example = null) =>
        new(schema.Named(component, description, example), parse);

    /// <summary>The same reader, documented at this use: the document's words for this field.</summary>
    public FieldParser<T> Doc(string description, JsonNode? example = null) => new(schema.Described(description, example), parse);
}
