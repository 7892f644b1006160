using System.Text.Json.Nodes;
using AssetService.Tests.Support;

namespace AssetService.Tests.Reliability;

/// <summary>
/// The hostile-input templates come from the document's request examples, so an example must set every field
/// its body declares (with its list entries' fields): a field left out would never be mutated.
/// </summary>
public sealed class RequestTemplatesTests
{
    private static readonly OpenApiContract Document = OpenApiContract.Instance;

    [Fact]
    public void Every_write_operation_with_a_body_has_a_template()
    {
        var withBody = Document.Operations.Where(o => Resolve(o.Node["requestBody"]?["content"]?["application/json"]?["schema"]) is JsonObject schema
                                                      && Properties(schema).Count > 0).ToArray();
        Assert.NotEmpty(withBody);
        var missing = withBody.Where(o => RequestTemplates.For(o.Method, o.Path["/api/".Length..]) is null).Select(o => o.OperationId).ToArray();
        Assert.True(missing.Length == 0, $"No JSON request example (hence no hostile-input template) for: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_request_example_sets_every_field_of_its_body()
    {
        var problems = new List<string>();
        foreach (var operation in Document.Operations)
        {
            var media = operation.Node["requestBody"]?["content"]?["application/json"];
            if (media?["example"] is not JsonObject example) continue;
            Unset(operation.OperationId, Resolve(media["schema"])!, example, problems);
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void A_template_names_the_seeded_rows_instead_of_the_example_ids()
    {
        var limits = RequestTemplates.For("PATCH", "v1/limits");
        Assert.NotNull(limits);
        Assert.Contains("DE_50HZ_SEED_1", limits);
        Assert.DoesNotContain("DE_50HZ_WU_1", limits);
    }

    private static void Unset(string where, JsonNode schema, JsonObject example, List<string> problems)
    {
        foreach (var (name, property) in Properties(schema))
        {
            if (!example.ContainsKey(name))
            {
                problems.Add($"{where}: the request example leaves out '{name}'");
                continue;
            }
            if (Resolve(property) is { } resolved && OpenApiContract.TypeOf(resolved) == "array" && Resolve(resolved["items"]) is { } items
                && Properties(items).Count > 0 && example[name] is JsonArray { Count: > 0 } entries && entries[0] is JsonObject entry)
                Unset($"{where}.{name}[0]", items, entry, problems);
        }
    }

    private static Dictionary<string, JsonNode> Properties(JsonNode schema)
    {
        var properties = new Dictionary<string, JsonNode>();
        foreach (var part in (schema["allOf"]?.AsArray() ?? []).Select(Resolve).OfType<JsonNode>())
            foreach (var (name, value) in Properties(part)) properties[name] = value;
        foreach (var (name, value) in schema["properties"]?.AsObject() ?? [])
            properties[name] = value!;
        return properties;
    }

    private static JsonNode? Resolve(JsonNode? node) => Document.Resolve(node);
}
