using System.Reflection;
using System.Text.Json.Nodes;
using AssetService.Core.Common;
using AssetService.Core.Limits;
using AssetService.Functions.Http;
using AssetService.Functions.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using JsonObject = System.Text.Json.Nodes.JsonObject;

namespace AssetService.Tests.OpenApi;

/// <summary>Query and path parameters are written from the binders (QueryShape) and the routes, not kept beside them.</summary>
public sealed class QueryShapeTests
{
    private static readonly JsonObject Document = ApiDocument.Build();
    private static readonly IReadOnlyList<IQueryShape> Shapes = ApiParameters.QueryShapes();

    public static TheoryData<string> ShapeNames() => [.. Shapes.Select(Name)];

    private static string Name(IQueryShape shape) => string.Join(",", shape.Operations);

    private static IQueryShape Shape(string name) => Shapes.Single(s => Name(s) == name);

    [Fact]
    public void Every_query_parameter_of_every_operation_is_one_its_binders_read_in_their_order()
    {
        var checkedOperations = 0;
        foreach (var (id, operation) in Operations(Document))
        {
            var documented = Parameters(operation).Where(p => (string)p["in"]! == "query").Select(p => (string)p["name"]!).ToArray();
            var read = Shapes.Where(s => s.Operations.Contains(id)).OrderBy(s => s.Operations.Count)
                .SelectMany(s => s.Parameters).Select(p => p.Name).ToArray();
            Assert.True(read.SequenceEqual(documented), $"{id}: documented [{string.Join(", ", documented)}], read [{string.Join(", ", read)}]");
            if (read.Length > 0) checkedOperations++;
        }
        Assert.True(checkedOperations >= 15, $"only {checkedOperations} operations read a query");
    }

    [Fact]
    public void A_parameter_added_to_a_binder_appears_in_the_document_of_its_operations()
    {
        var colour = new QueryShape<string?>(["GetLimits"], q => q.String("colour", doc: "Only limits of this colour."));
        var document = Source();
        ApiParameters.Write(document, new SchemaSet(), [.. Shapes, colour]);

        var parameter = Parameters(Operation(document, "GetLimits")).Single(p => (string)p["name"]! == "colour");
        Assert.Equal("query", (string)parameter["in"]!);
        Assert.False((bool)parameter["required"]!);
        Assert.Equal("Only limits of this colour.", (string)parameter["description"]!);
        Assert.DoesNotContain(Parameters(Operation(document, "GetForecasts")), p => (string)p["name"]! == "colour");
    }

    [Fact]
    public void A_parameter_written_by_hand_and_read_by_no_binder_fails_the_build()
    {
        var document = Source();
        Operation(document, "GetLimits")["parameters"] = JsonNode.Parse("""[{"name": "colour", "in": "query", "schema": {"type": "string"}}]""");
        var error = Assert.Throws<InvalidOperationException>(() => ApiParameters.Write(document, new SchemaSet(), Shapes));
        Assert.Contains("GetLimits", error.Message);
    }

    [Fact]
    public void A_binder_naming_an_operation_the_document_does_not_have_fails_the_build()
    {
        var stray = new QueryShape<string?>(["GetColours"], q => q.String("colour", doc: "A colour."));
        var error = Assert.Throws<InvalidOperationException>(() => ApiParameters.Write(Source(), new SchemaSet(), [.. Shapes, stray]));
        Assert.Contains("GetColours", error.Message);
    }

    [Fact]
    public void Two_different_declarations_of_one_shared_parameter_fail_the_build()
    {
        var other = new QueryShape<IReadOnlyList<string>?>(["ListSites"], q => q.List("asset_ids", doc: ParameterDocs.AssetIds));
        var error = Assert.Throws<InvalidOperationException>(() => ApiParameters.Write(Source(), new SchemaSet(), [.. Shapes, other]));
        Assert.Contains("AssetIds", error.Message);
    }

    [Theory]
    [MemberData(nameof(ShapeNames))]
    public void Each_required_parameter_is_missing_from_an_empty_query_at_its_name(string shape)
    {
        var parameters = Shape(shape).Parameters;
        var missing = Problems(Shape(shape), []).Where(p => p.Type == "missing").Select(Parameter).ToHashSet();
        foreach (var parameter in parameters.Where(p => p.Required))
            Assert.Contains(parameter.Name, missing);
        // A parameter missing without being documented as required is one that is required only with or without another (from/to).
        foreach (var name in missing)
            Assert.Contains(parameters, p => p.Name == name && (p.Required || p.Doc!.Description.Contains("Required unless")));
    }

    [Theory]
    [MemberData(nameof(ShapeNames))]
    public void A_binder_refuses_a_value_outside_a_documented_type_at_that_parameter_and_nowhere_else(string shape)
    {
        var parameters = Shape(shape).Parameters;
        var problems = Problems(Shape(shape), parameters.ToDictionary(p => p.Name, _ => "x!"));
        var at = problems.Select(Parameter).ToHashSet();
        Assert.All(at, name => Assert.Contains(parameters, p => p.Name == name));
        foreach (var parameter in parameters.Where(p => Schema(p) is not ("string" or "array of string")))
            Assert.True(at.Contains(parameter.Name), $"{parameter.Name} is documented as {Schema(parameter)} and accepted 'x!'");
    }

    [Fact]
    public void A_missing_asset_of_a_limits_delete_is_documented_as_required()
    {
        var problem = Assert.Single(Problems(DeleteLimitsQuery.Shape, new() { ["start_time"] = "2026-04-01T00:00:00Z",
            ["end_time"] = "2026-04-02T00:00:00Z", ["source"] = "REPORTED" }));
        Assert.Equal(("missing", "query.asset_id", "Field required"), (problem.Type, string.Join('.', problem.Loc), problem.Msg));
        var parameter = Parameters(Operation(Document, "DeleteLimits")).Single(p => (string)p["name"]! == "asset_id");
        Assert.True((bool)parameter["required"]!);
    }

    [Fact]
    public void The_asset_id_in_a_path_has_the_schema_of_the_asset_id_in_a_body()
    {
        var path = Document["components"]!["parameters"]!["AssetIdPath"]!;
        Assert.Equal("path", (string)path["in"]!);
        Assert.Equal(PeriodFields.AssetId.Schema.Component, ((string)path["schema"]!["$ref"]!).Split('/')[^1]);
        Assert.Equal("#/components/schemas/AssetId",
            (string)Document["components"]!["schemas"]!["LimitEntry"]!["properties"]!["asset_id"]!["$ref"]!);
    }

    [Fact]
    public void Every_route_parameter_is_documented_in_the_path_and_the_source_writes_none()
    {
        foreach (var (path, item) in Document["paths"]!.AsObject())
            foreach (var (_, operation) in item!.AsObject())
            {
                var inPath = Parameters(operation!.AsObject()).Where(p => (string)p["in"]! == "path").Select(p => "{" + (string)p["name"]! + "}");
                Assert.Equal(path.Split('/').Where(s => s.StartsWith('{')), inPath);
            }
        Assert.All(Operations(Source()), o => Assert.Null(o.Node["parameters"]));
        Assert.Null(Source()["components"]!["parameters"]);
    }

    private static JsonObject Source() => JsonNode.Parse(EmbeddedFiles.Read("openapi.source.json"))!.AsObject();

    private static IEnumerable<(string Id, JsonObject Node)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()).Select(o => ((string)o.Value!["operationId"]!, o.Value!.AsObject()));

    private static JsonObject Operation(JsonObject document, string id) => Operations(document).Single(o => o.Id == id).Node;

    // Each parameter as written, a $ref resolved against the document's components.
    private static IEnumerable<JsonObject> Parameters(JsonObject operation) =>
        (operation["parameters"]?.AsArray() ?? []).Select(p => p!["$ref"] is { } reference
            ? Document["components"]!["parameters"]![((string)reference!).Split('/')[^1]]!.AsObject()
            : p.AsObject());

    private static string Schema(QueryParameter parameter)
    {
        var schema = parameter.Schema.Use(new SchemaSet(), nullable: false);
        return schema["type"]?.GetValue<string>() switch
        {
            "array" when schema["items"]!["type"] is { } type => "array of " + type,
            "array" => "array of values",
            { } type => type,
            null => (string)schema["$ref"]!,
        };
    }

    private static string Parameter(ValidationError problem) => (string)problem.Loc[1];

    private static IReadOnlyList<ValidationError> Problems(IQueryShape shape, Dictionary<string, string> values)
    {
        var query = new QueryCollection(values.ToDictionary(v => v.Key, v => new StringValues(v.Value)));
        var bind = shape.GetType().GetMethod("Bind", [typeof(IQueryCollection)])!;
        try
        {
            bind.Invoke(shape, [query]);
            return [];
        }
        catch (TargetInvocationException e) when (e.InnerException is RequestValidationException invalid)
        {
            return invalid.Errors;
        }
    }
}
