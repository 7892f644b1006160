using System.Text.Json;
using System.Text.Json.Nodes;
using Page = AssetService.Core.Common.Page;
using Vocabularies = AssetService.Core.Common.Vocabularies;
using Vocabulary = AssetService.Core.Common.Vocabulary;
using AssetService.Tests.Support;

namespace AssetService.Tests.OpenApi;

/// <summary>The document is complete and agrees with the constants of the code it describes.</summary>
public sealed class OpenApiDocumentTests
{
    private static readonly OpenApiContract Document = OpenApiContract.Instance;
    private static JsonObject Components => Document.Document["components"]!.AsObject();

    [Fact]
    public void Every_operation_has_a_declared_tag_a_summary_and_a_description()
    {
        var tags = Document.Document["tags"]!.AsArray().Select(t => (string)t!["name"]!).ToHashSet();
        foreach (var operation in Document.Operations)
        {
            var tag = Assert.Single(operation.Node["tags"]!.AsArray());
            Assert.Contains((string)tag!, tags);
            Assert.False(string.IsNullOrWhiteSpace((string?)operation.Node["summary"]), operation.OperationId);
            Assert.False(string.IsNullOrWhiteSpace((string?)operation.Node["description"]), operation.OperationId);
        }
    }

    [Fact]
    public void Every_key_protected_operation_documents_401_and_503()
    {
        foreach (var operation in Document.Operations.Where(o => o.Path.StartsWith("/api/v1/")))
        {
            Assert.NotNull(Document.Response(operation, 401));
            Assert.NotNull(Document.Response(operation, 503));
        }
    }

    [Fact]
    public void Every_operation_that_takes_a_body_documents_413_and_422()
    {
        foreach (var operation in Document.Operations.Where(o => o.Node["requestBody"] is not null))
        {
            Assert.NotNull(Document.Response(operation, 413));
            Assert.NotNull(Document.Response(operation, 422));
        }
    }

    [Fact]
    public void Every_example_validates_against_its_schema()
    {
        var problems = new List<string>();
        foreach (var operation in Document.Operations)
        {
            var bodies = new List<(string Where, JsonNode? Media)>();
            foreach (var (type, media) in operation.Node["requestBody"]?["content"]?.AsObject() ?? [])
                bodies.Add(($"{operation.OperationId} request {type}", media));
            foreach (var (status, _) in operation.Node["responses"]!.AsObject())
                foreach (var (type, media) in Document.Response(operation, int.Parse(status))!["content"]?.AsObject() ?? [])
                    bodies.Add(($"{operation.OperationId} {status} {type}", media));
            foreach (var (where, media) in bodies.Where(b => b.Media?["example"] is not null))
            {
                var example = JsonSerializer.SerializeToElement(media!["example"]);
                problems.AddRange(Document.Validate(media["schema"]!, "example/" + where, example).Select(p => $"{where}: {p}"));
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Paging_bounds_are_those_the_service_enforces()
    {
        var limit = Components["parameters"]!["Limit"]!["schema"]!;
        Assert.Equal(1, (int)limit["minimum"]!);
        Assert.Equal(Page.MaxLimit, (int)limit["maximum"]!);
        Assert.Equal(Page.DefaultLimit, (int)limit["default"]!);
        var offset = Components["parameters"]!["Offset"]!["schema"]!;
        Assert.Equal(0, (int)offset["minimum"]!);
        Assert.Equal(0, (int)offset["default"]!);
    }

    [Theory]
    [InlineData("AssetType", nameof(Vocabularies.AssetType))]
    [InlineData("Region", nameof(Vocabularies.Region))]
    [InlineData("DeliveryArea", nameof(Vocabularies.DeliveryArea))]
    [InlineData("Provider", nameof(Vocabularies.Provider))]
    [InlineData("AssetLifecycle", nameof(Vocabularies.Lifecycle))]
    [InlineData("AssetStatusValue", nameof(Vocabularies.AssetStatus))]
    public void Enums_are_the_vocabularies_of_the_code(string schema, string vocabulary)
    {
        var values = (Vocabulary)typeof(Vocabularies).GetField(vocabulary)!.GetValue(null)!;
        var documented = Components["schemas"]![schema]!["enum"]!.AsArray().Select(v => (string)v!).ToArray();
        Assert.Equal(values.Values, documented);
    }
}
