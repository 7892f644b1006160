using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AssetService.Tests.Support;

namespace AssetService.Tests.OpenApi;

/// <summary>
/// The document works for tools no one here wrote: generators (Kiota, openapi-typescript) and validating
/// proxies. The Kiota smoke test (scripts/client-smoke.sh) proves it end to end; these pin the rules.
/// </summary>
public sealed partial class OpenApiClientFriendlinessTests
{
    private static readonly OpenApiContract Document = OpenApiContract.Instance;
    private static JsonObject Schemas => Document.Document["components"]!["schemas"]!.AsObject();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;

    private static IEnumerable<(OpenApiOperation Operation, JsonObject Parameter)> QueryParameters() =>
        from operation in Document.Operations
        from node in operation.Node["parameters"]?.AsArray() ?? []
        let parameter = node!["$ref"] is JsonValue reference
            ? Document.Document["components"]!["parameters"]![((string)reference!).Split('/')[^1]]!.AsObject()
            : node.AsObject()
        where (string?)parameter["in"] == "query"
        select (operation, parameter);

    [Theory]
    [InlineData("AssetStatusList", "AssetStatusValue")]
    [InlineData("LimitSourceList", "LimitSource")]
    [InlineData("ReservationSourceList", "ReservationSource")]
    public void A_list_schema_allows_exactly_its_enum_values_comma_separated(string list, string vocabulary)
    {
        var values = Schemas[vocabulary]!["enum"]!.AsArray().Select(v => (string)v!).ToArray();
        var one = $"({string.Join('|', values)})";
        Assert.Equal($"^{one}(,{one})*$", (string)Schemas[list]!["pattern"]!);
    }

    [Theory]
    [InlineData("GetLimits", "sources", """["REPORTED", "PV"]""", """["REPORTED,PV"]""", """["REPORTED,PV", "CUSTOMER"]""", """["REPORTED,SOLAR"]""")]
    [InlineData("GetReservations", "sources", """["EXTERNAL"]""", """["EXTERNAL,DAA_SWAP"]""", """["DAA_SWAP", "OPTIMISATION,EXTERNAL"]""", """["external"]""")]
    [InlineData("ListStatus", "status", """["ONLINE", "OFFLINE"]""", """["ONLINE,OFFLINE"]""", """["ONLINE,OFFLINE", "DEGRADED"]""", """["ONLINE,"]""")]
    public void An_array_query_parameter_accepts_the_repeated_and_the_comma_separated_form(
        string operationId, string name, string repeated, string commaSeparated, string mixed, string invalid)
    {
        // A validator turns `?sources=A&sources=B` into ["A", "B"] and `?sources=A,B` into ["A,B"] (form, explode).
        var schema = QueryParameters().Single(p => p.Operation.OperationId == operationId && (string?)p.Parameter["name"] == name).Parameter["schema"]!;
        var key = $"query/{operationId}/{name}";
        Assert.Empty(Document.Validate(schema, key, Json(repeated)));
        Assert.Empty(Document.Validate(schema, key, Json(commaSeparated)));
        Assert.Empty(Document.Validate(schema, key, Json(mixed)));
        Assert.NotEmpty(Document.Validate(schema, key, Json(invalid)));
    }

    [Fact]
    public void Every_array_query_parameter_takes_free_strings_or_a_comma_list_schema()
    {
        // An `enum` on the items would make validators refuse the comma-separated form the service accepts.
        var wrong = (from p in QueryParameters()
                     let schema = p.Parameter["schema"]!
                     where (string?)schema["type"] == "array"
                     let items = schema["items"]!.AsObject()
                     let free = items.Count == 1 && (string?)items["type"] == "string"
                     let list = ((string?)items["$ref"])?.EndsWith("List", StringComparison.Ordinal) == true
                     where !free && !list
                     select $"{p.Operation.OperationId} {p.Parameter["name"]}: items {items.ToJsonString()}").ToArray();
        Assert.True(wrong.Length == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void The_first_server_is_an_absolute_url()
    {
        // Kiota takes the first server as the client's default base URL and ignores a relative one.
        var first = (string)Document.Document["servers"]![0]!["url"]!;
        Assert.True(Uri.TryCreate(first, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https", first);
    }

    [Fact]
    public void The_detail_sentence_is_the_primary_error_message()
    {
        var detail = Schemas["ErrorDetail"]!["properties"]!["detail"]!;
        Assert.True(detail["x-ms-primary-error-message"]?.GetValue<bool>());
    }

    [Fact]
    public void Every_enum_value_that_is_no_identifier_has_a_name_for_generators()
    {
        var problems = new List<string>();
        foreach (var (name, schema) in Schemas)
        {
            if (schema?["enum"] is not JsonArray values) continue;
            var strings = values.Select(v => (string)v!).ToArray();
            if (strings.All(v => Identifier().IsMatch(v))) continue;
            var varnames = schema["x-enum-varnames"]?.AsArray().Select(v => (string)v!).ToArray() ?? [];
            if (varnames.Length != strings.Length || !varnames.All(v => Identifier().IsMatch(v)))
                problems.Add($"{name}: x-enum-varnames must name each of {string.Join(", ", strings)}");
            var named = schema["x-ms-enum"]?["values"]?.AsArray().ToDictionary(v => (string)v!["value"]!, v => (string)v!["name"]!) ?? new Dictionary<string, string>();
            foreach (var value in strings)
                if (!named.TryGetValue(value, out var varname) || !Identifier().IsMatch(varname))
                    problems.Add($"{name}: x-ms-enum has no identifier for {value}");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void No_schema_of_the_api_is_a_oneOf_without_a_discriminator()
    {
        var found = new List<string>();
        Walk(Document.Document["paths"], "#/paths", found);
        Walk(Document.Document["components"], "#/components", found);
        Assert.True(found.Count == 0, "Kiota cannot pick a branch of these:\n" + string.Join("\n", found));

        static void Walk(JsonNode? node, string at, List<string> found)
        {
            if (node is JsonObject obj)
            {
                if (obj["oneOf"] is not null && obj["discriminator"] is null) found.Add(at);
                foreach (var (key, value) in obj) Walk(value, $"{at}/{key}", found);
            }
            else if (node is JsonArray array)
                for (var i = 0; i < array.Count; i++) Walk(array[i], $"{at}/{i}", found);
        }
    }

    [Fact]
    public void Every_action_declares_an_optional_empty_object_body()
    {
        var actions = Document.Operations.Where(o => o.Path.Contains("/actions/")).ToArray();
        Assert.Equal(5, actions.Length);
        foreach (var action in actions)
        {
            var body = action.Node["requestBody"]!;
            Assert.False(body["required"]!.GetValue<bool>(), action.OperationId);
            var schema = body["content"]!["application/json"]!["schema"]!;
            Assert.Empty(Document.Validate(schema, "action-body", Json("{}")));
            Assert.NotEmpty(Document.Validate(schema, "action-body", Json("""{"lifecycle": "LIVE"}""")));
        }
    }
}
