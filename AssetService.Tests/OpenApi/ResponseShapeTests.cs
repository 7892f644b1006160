using System.Reflection;
using System.Text.Json.Serialization;
using AssetService.Core.Common;
using AssetService.Core.Ingestion;
using AssetService.Core.Sites;
using AssetService.Functions.OpenApi;
using Microsoft.AspNetCore.Http;
using JsonObject = System.Text.Json.Nodes.JsonObject;

namespace AssetService.Tests.OpenApi;

/// <summary>Response schemas are written from the records that are answered (ResponseShape), not kept beside them.</summary>
public sealed class ResponseShapeTests
{
    private static readonly JsonObject Document = ApiDocument.Build();

    private static JsonObject Schema(string name) => Document["components"]!["schemas"]![name]!.AsObject();

    public sealed record Probe(
        string Id,
        string? Note,
        DateTime At,
        DateOnly? Day,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<bool>? Flags,
        [property: JsonIgnore] int Hidden);

    private static JsonObject Write(ResponseShape shape)
    {
        var set = new SchemaSet();
        shape.Schema.Use(set, nullable: false);
        return set.Components.Single(c => c.Key == shape.Name).Value;
    }

    [Fact]
    public void Names_order_nullability_and_omission_come_from_what_the_serializer_writes()
    {
        var schema = Write(new ResponseShape(typeof(Probe), "Probe", "A probe.")
        {
            [nameof(Probe.Id)] = Wire.Text,
            [nameof(Probe.Note)] = Wire.Text.Described("Free text."),
        });

        Assert.Equal(["id", "note", "at", "day", "flags"], schema["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["id", "note", "at", "day"], schema["required"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(["string", "null"], schema["properties"]!["note"]!["type"]!.AsArray().Select(n => (string)n!));
        Assert.Equal("string", (string)schema["properties"]!["id"]!["type"]!);
        Assert.Equal(SchemaSet.Ref("UtcTimestamp"), (string)schema["properties"]!["at"]!["$ref"]!);
        Assert.Equal(["string", "null"], schema["properties"]!["day"]!["type"]!.AsArray().Select(n => (string)n!));
        Assert.Equal("boolean", (string)schema["properties"]!["flags"]!["items"]!["type"]!);
        Assert.False((bool)schema["additionalProperties"]!);
    }

    [Fact]
    public void A_field_whose_type_says_too_little_must_be_declared_and_a_declaration_must_name_a_field()
    {
        var undeclared = Assert.Throws<InvalidOperationException>(() => Write(new ResponseShape(typeof(Probe), "Probe", "A probe.")
        {
            [nameof(Probe.Note)] = Wire.Text,
        }));
        Assert.Contains("Probe.id", undeclared.Message);

        var unknown = Assert.Throws<InvalidOperationException>(() => Write(new ResponseShape(typeof(Probe), "Probe", "A probe.")
        {
            [nameof(Probe.Id)] = Wire.Text,
            [nameof(Probe.Note)] = Wire.Text,
            ["Comment"] = Wire.Text,
        }));
        Assert.Contains("Comment", unknown.Message);
    }

    [Fact]
    public void Every_record_the_service_answers_with_has_its_schema_in_the_document()
    {
        var answered = typeof(ResponseShape).Assembly.GetType("AssetService.Core.Common.ResponseJsonContext")!
            .GetCustomAttributesData()
            .Where(a => a.AttributeType == typeof(JsonSerializableAttribute))
            .Select(a => (Type)a.ConstructorArguments[0].Value!)
            .ToArray();
        Assert.NotEmpty(answered);
        var shaped = ResponseShapes.All.ToLookup(s => s.Record);
        Assert.Empty(answered.Where(type => !shaped.Contains(type)).Select(type => type.Name));
        foreach (var shape in ResponseShapes.All) Assert.NotNull(Schema(shape.Name));
    }

    [Fact]
    public void A_site_alone_always_carries_its_inverters_and_a_site_in_a_list_only_when_expanded()
    {
        Assert.Contains("inverters", Schema("Site")["required"]!.AsArray().Select(n => (string)n!));
        Assert.DoesNotContain("inverters", Schema("SiteListItem")["required"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(SchemaSet.Ref(Site.ListItem.Name), (string)Schema("SiteListResponse")["properties"]!["sites"]!["items"]!["$ref"]!);
    }

    [Fact]
    public void Every_response_of_every_operation_references_a_schema_written_from_a_record()
    {
        var written = ResponseShapes.All.Select(s => s.Name).ToHashSet();
        var referenced = Document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject())
            .SelectMany(operation => operation.Value?["responses"]?.AsObject().AsEnumerable() ?? [])
            .Select(response => response.Value?["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>())
            .OfType<string>()
            .Select(r => r[SchemaSet.Ref("").Length..])
            .ToHashSet();
        Assert.NotEmpty(referenced);
        // The one answer that is no record: the document itself.
        Assert.Empty(referenced.Except(written).Except([ApiDocument.DocumentSchema.Component!]));
    }

    [Fact]
    public void The_dev_queue_route_is_documented_from_the_code_that_reads_its_headers_and_writes_its_answers()
    {
        var operation = Document["x-localhost-paths"]!["/dev/queues/{queue}/messages"]!["post"]!;
        var parameters = operation["parameters"]!.AsArray().Select(p => ((string)p!["in"]!, (string)p["name"]!)).ToArray();
        Assert.Equal([("path", DevQueueRequest.Queue.Name), ("header", DevQueueRequest.MessageId.Name), ("header", DevQueueRequest.SequenceNumber.Name)], parameters);

        var headers = new HeaderDictionary { [DevQueueRequest.SequenceNumber.Name] = "-1" };
        var refused = Assert.Throws<RequestValidationException>(() => DevQueueRequest.ReadSequenceNumber(headers));
        Assert.Equal(["header", DevQueueRequest.SequenceNumber.Name], refused.Errors.Single().Loc);
        Assert.Equal(0, (int)operation["parameters"]![2]!["schema"]!["minimum"]!);

        var answers = operation["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["oneOf"]!.AsArray()
            .Select(a => (string)a!["$ref"]!).ToArray();
        Assert.Equal([SchemaSet.Ref(MessageCompleted.Shape.Name), SchemaSet.Ref(MessageDeadLettered.Shape.Name)], answers);
        Assert.Equal(DeadLetterReasons.All.Values, Schema(MessageDeadLettered.Shape.Name)["properties"]!["reason"]!["enum"]!.AsArray().Select(n => (string)n!));
    }
}
