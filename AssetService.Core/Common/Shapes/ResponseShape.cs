using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using SchemaNode = System.Text.Json.Nodes.JsonObject;

namespace AssetService.Core.Common;

/// <summary>
/// A JSON object the service answers with, declared by its record: the field names, their order, which may
/// be null and which may be left out come from what the serializer writes for <see cref="Record"/>
/// (<see cref="Json.Options"/>); each field's schema comes from its type (timestamps, dates, booleans,
/// lists and records with a shape of their own) or, where the type alone does not say it (a string's
/// vocabulary, a number's unit and bounds), from the declaration beside the record
/// (<c>[nameof(Power)] = Wire.Number()</c>). The page writers take their names from the same records.
/// </summary>
public sealed class ResponseShape
{
    private readonly Dictionary<string, FieldSchema> declared = new(StringComparer.Ordinal);
    private readonly string description;

    public ResponseShape(Type record, string name, string description)
    {
        Record = record;
        Name = name;
        this.description = description;
        Schema = FieldSchema.Inline(Write).Named(name);
    }

    public Type Record { get; }
    public string Name { get; }
    public FieldSchema Schema { get; }
    public JsonNode? Example { get; init; }

    /// <summary>Fields the serializer leaves out when null that this answer always carries (a single site's inverters).</summary>
    public IReadOnlyCollection<string> AlwaysWritten { get; init; } = [];

    /// <summary>A page of a list read: its <c>limit</c> and <c>offset</c> echo the request's (<see cref="Common.Page"/>); <paramref name="fields"/> declare the rest.</summary>
    public static ResponseShape Page(Type record, string name, string description, params (string Property, FieldSchema Schema)[] fields)
    {
        var shape = new ResponseShape(record, name, description)
        {
            [nameof(Common.Page.Limit)] = Common.Page.LimitSchema,
            [nameof(Common.Page.Offset)] = Common.Page.OffsetSchema,
        };
        foreach (var (property, schema) in fields) shape.declared.Add(property, schema);
        return shape;
    }

    /// <summary>Another answer of the same record with the same declarations, <paramref name="changed"/> replacing some (a site alone and in a list).</summary>
    public ResponseShape Like(string name, string description, params (string Property, FieldSchema Schema)[] changed)
    {
        var shape = new ResponseShape(Record, name, description);
        foreach (var (property, schema) in declared) shape.declared.Add(property, schema);
        foreach (var (property, schema) in changed) shape.declared[property] = schema;
        return shape;
    }

    /// <summary>The schema of the record's property <paramref name="property"/> (its C# name).</summary>
    public FieldSchema this[string property]
    {
        set => declared.Add(property, value);
    }

    /// <summary>The wire name of one property (<c>nameof(Forecast.Generation)</c> → <c>generation</c>).</summary>
    public static string NameOf<T>(string property) =>
        Written(typeof(T)).Single(p => PropertyName(p) == property).Name;

    private SchemaNode Write(SchemaSet set)
    {
        var written = Written(Record);
        var unknown = declared.Keys.Except(written.Select(PropertyName)).ToArray();
        if (unknown.Length > 0) throw new InvalidOperationException($"{Name} declares {string.Join(", ", unknown)}, which {Record.Name} does not write");
        var properties = new SchemaNode();
        var required = new JsonArray();
        foreach (var property in written)
        {
            var name = PropertyName(property);
            var leftOutWhenNull = property.ShouldSerialize is not null && !AlwaysWritten.Contains(name);
            var schema = declared.GetValueOrDefault(name) ?? ByType(property.PropertyType)
                ?? throw new InvalidOperationException(
                    $"{Name}.{property.Name}: a {(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType).Name} says too little; declare its schema beside {Record.Name}");
            properties[property.Name] = schema.Use(set, nullable: property.IsGetNullable && property.ShouldSerialize is null);
            if (!leftOutWhenNull) required.Add(property.Name);
        }
        var node = new SchemaNode { ["type"] = "object", ["title"] = Name, ["description"] = description, ["properties"] = properties };
        node["required"] = required;
        node["additionalProperties"] = false;
        if (Example is not null) node["examples"] = new JsonArray(Example.DeepClone());
        return node;
    }

    private static FieldSchema? ByType(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(DateTime)) return Wire.UtcTimestamp;
        if (type == typeof(DateOnly)) return Fields.Date.Schema;
        if (type == typeof(bool)) return Wire.Boolean;
        if (type == typeof(Guid)) return Wire.Uuid;
        if (ResponseShapes.For(type) is { } shape) return shape.Schema;
        var item = type.IsArray ? type.GetElementType()
            : type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : null;
        return item is not null && ByType(item) is { } items ? Wire.ListOf(items) : null;
    }

    // The serializer's contract keeps [JsonIgnore] properties, with a predicate that never writes them.
    private static IReadOnlyList<JsonPropertyInfo> Written(Type type) =>
        [.. Json.Options.GetTypeInfo(type).Properties.Where(p =>
            p.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: false) is not [JsonIgnoreAttribute { Condition: JsonIgnoreCondition.Always }])];

    private static string PropertyName(JsonPropertyInfo property) =>
        (property.AttributeProvider as MemberInfo)?.Name ?? throw new InvalidOperationException($"{property.Name} has no member");
}

/// <summary>Every response shape declared in Core (beside its record).</summary>
public static class ResponseShapes
{
    private static readonly Lazy<IReadOnlyList<ResponseShape>> all = new(() => [.. Declarations.Of<ResponseShape>(typeof(ResponseShape).Assembly)]);

    public static IReadOnlyList<ResponseShape> All => all.Value;

    /// <summary>The one shape of a record that a field of this type references; none when it has several (a site in a list or alone).</summary>
    public static ResponseShape? For(Type record) => All.Where(s => s.Record == record).ToArray() is [var one] ? one : null;
}
