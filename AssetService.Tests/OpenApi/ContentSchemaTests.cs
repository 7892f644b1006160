using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AssetService.Core.Common;
using AssetService.Functions.Http;
using AssetService.Functions.OpenApi;
using JsonObject = System.Text.Json.Nodes.JsonObject;

namespace AssetService.Tests.OpenApi;

/// <summary>Bodies that are not JSON and response headers get their schemas from the code that sends them, not from the source.</summary>
public sealed class ContentSchemaTests
{
    private static readonly JsonObject Document = ApiDocument.Build();

    private static JsonObject Operation(string response) => new()
    {
        ["paths"] = new JsonObject { ["/x"] = new JsonObject { ["get"] = new JsonObject
        {
            ["operationId"] = "X", ["responses"] = new JsonObject { ["200"] = JsonNode.Parse(response) },
        } } },
        ["components"] = new JsonObject(),
    };

    [Fact]
    public void A_csv_answer_is_a_string_with_the_sources_words_and_a_type_written_by_hand_refuses_to_build()
    {
        var document = Operation("""{"description": "ok", "content": {"text/csv": {"schema": {"description": "One line per row."}}, "image/png": {}}}""");
        ContentSchemas.Write(document, new SchemaSet());
        var content = document["paths"]!["/x"]!["get"]!["responses"]!["200"]!["content"]!;
        Assert.Equal("""{"type":"string","description":"One line per row."}""", content["text/csv"]!["schema"]!.ToJsonString());
        Assert.Equal("image/png", (string)content["image/png"]!["schema"]!["contentMediaType"]!);

        var byHand = Operation("""{"description": "ok", "content": {"text/csv": {"schema": {"type": "string"}}}}""");
        Assert.Throws<InvalidOperationException>(() => ContentSchemas.Write(byHand, new SchemaSet()));
    }

    [Fact]
    public void A_header_gets_the_schema_of_the_code_that_sets_it_and_one_without_a_declaration_refuses_to_build()
    {
        var unknown = Operation("""{"description": "ok", "headers": {"X-Unknown": {"description": "?"}}}""");
        Assert.Contains("X-Unknown", Assert.Throws<InvalidOperationException>(() => ContentSchemas.Write(unknown, new SchemaSet())).Message);
        var byHand = Operation("""{"description": "ok", "headers": {"Location": {"description": "?", "schema": {"type": "string"}}}}""");
        Assert.Throws<InvalidOperationException>(() => ContentSchemas.Write(byHand, new SchemaSet()));

        var retryAfter = Document["components"]!["responses"]!["DatabaseUnavailable"]!["headers"]!["Retry-After"]!["schema"]!;
        Assert.InRange(ErrorMapping.RetryAfterSeconds, (int)retryAfter["minimum"]!, int.MaxValue);
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        Assert.Matches(new Regex((string)Document["components"]!["headers"]!["RequestId"]!["schema"]!["pattern"]!), traceId);
    }
}
