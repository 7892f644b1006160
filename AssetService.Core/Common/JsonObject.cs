using System.Text.Json;

namespace AssetService.Core.Common;

/// <summary>
/// Strict reading of one JSON object: every field read is remembered, so that
/// <see cref="RejectUnknownFields"/> can answer a misspelt field with <c>extra_forbidden</c>.
/// </summary>
public sealed class JsonObject
{
    private readonly JsonElement element;
    private readonly HashSet<string> known = new(StringComparer.Ordinal);

    // Set when the binder runs to be described (ObjectShape): it reads an empty object and every field it
    // asks for is recorded with its schema, as if that field were missing.
    private readonly List<ShapeField>? described;

    private JsonObject(JsonElement element, Loc loc, Problems problems, List<ShapeField>? described = null)
    {
        this.element = element;
        Loc = loc;
        Problems = problems;
        this.described = described;
    }

    public Loc Loc { get; }
    public Problems Problems { get; }

    public static JsonObject? Open(JsonElement element, Loc loc, Problems problems)
    {
        if (element.ValueKind == JsonValueKind.Object) return new JsonObject(element, loc, problems);
        problems.Add("model_attributes_type", loc, "Input should be a valid dictionary or object to extract fields from");
        return null;
    }

    /// <summary>Binds a whole request body; throws one 422 listing every problem.</summary>
    public static T Bind<T>(JsonElement body, Func<JsonObject, T> bind)
    {
        var problems = new Problems();
        var obj = Open(body, Loc.Body, problems);
        if (obj is null) problems.ThrowIfAny();
        var result = bind(obj!);
        obj!.RejectUnknownFields();
        problems.ThrowIfAny();
        return result;
    }

    /// <summary>The fields <paramref name="bind"/> reads, in order: what the binder accepts, for its schema.</summary>
    public static IReadOnlyList<ShapeField> Describe<T>(Func<JsonObject, T> bind)
    {
        var fields = new List<ShapeField>();
        bind(new JsonObject(default, Loc.Body[0], new Problems(), fields));
        return fields;
    }

    /// <summary>A field that must be present; null is a type error of the parser.</summary>
    public T Required<T>(string name, FieldParser<T> parse)
    {
        known.Add(name);
        described?.Add(new ShapeField(name, parse.Schema, Required: true, Nullable: false));
        if (described is not null || !element.TryGetProperty(name, out var value))
        {
            Problems.Add("missing", Loc[name], "Field required");
            return default!;
        }
        return parse.Parse(value, Loc[name], Problems, out var result) ? result : default!;
    }

    /// <summary>A field where absent and null both mean "no value".</summary>
    public T? Nullable<T>(string name, FieldParser<T> parse) where T : struct
    {
        var field = Read(name, parse, nullable: true);
        return field.IsPresent && !field.IsNull ? field.Value : null;
    }

    public T? NullableRef<T>(string name, FieldParser<T> parse) where T : class
    {
        var field = Read(name, parse, nullable: true);
        return field.IsPresent ? field.Value : null;
    }

    /// <summary>A partial-update field: absent, explicit null, or a value.</summary>
    public Optional<T> Optional<T>(string name, FieldParser<T> parse) => Read(name, parse, nullable: true);

    /// <summary>A partial-update field that may be omitted but never null.</summary>
    public Optional<T> OptionalNotNull<T>(string name, FieldParser<T> parse)
    {
        var field = Read(name, parse, nullable: false);
        if (!field.IsNull) return field;
        Problems.Add("null_not_allowed", Loc[name], "Field may be omitted but not null");
        return Common.Optional<T>.Absent;
    }

    private Optional<T> Read<T>(string name, FieldParser<T> parse, bool nullable)
    {
        known.Add(name);
        described?.Add(new ShapeField(name, parse.Schema, Required: false, Nullable: nullable));
        if (described is not null || !element.TryGetProperty(name, out var value)) return Common.Optional<T>.Absent;
        if (value.ValueKind == JsonValueKind.Null) return Common.Optional<T>.Null;
        return parse.Parse(value, Loc[name], Problems, out var result) ? Common.Optional<T>.Of(result) : Common.Optional<T>.Absent;
    }

    /// <summary>A field the operation refuses with a reason (immutable or server-derived).</summary>
    public void Forbidden(string name, string msg)
    {
        known.Add(name);
        if (described is null && element.TryGetProperty(name, out _)) Problems.Add("extra_forbidden", Loc[name], msg);
    }

    public void RejectUnknownFields()
    {
        if (described is not null) return;
        foreach (var property in element.EnumerateObject())
            if (!known.Contains(property.Name))
                // The name goes back in the error: an unpaired surrogate in it could not be written as JSON.
                Problems.Add("extra_forbidden", Loc[StorableText.Printable(property.Name)], "Extra inputs are not permitted");
    }
}

/// <summary>A field a binder reads: its name and schema, whether it must be present and whether null is accepted.</summary>
public sealed record ShapeField(string Name, FieldSchema Schema, bool Required, bool Nullable);
