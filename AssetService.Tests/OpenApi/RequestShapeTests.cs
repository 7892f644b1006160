using System.Text.Json.Nodes;
using AssetService.Core.Common;
using JsonObject = System.Text.Json.Nodes.JsonObject;
using AssetService.Core.Common.Csv;
using AssetService.Core.Limits;
using AssetService.Core.Sites;
using AssetService.Functions.OpenApi;

namespace AssetService.Tests.OpenApi;

/// <summary>Request schemas are written from the binders' declarations (ObjectShape), not kept beside them.</summary>
public sealed class RequestShapeTests
{
    private static readonly JsonObject Document = ApiDocument.Build();
    private static JsonObject Schema(string name) => Document["components"]!["schemas"]![name]!.AsObject();

    [Fact]
    public void Limit_entry_requires_its_key_and_window_and_takes_null_for_every_value()
    {
        var entry = Schema("LimitEntry");
        Assert.Equal(["asset_id", "source", "start_time", "end_time", "valid_from", "valid_until"],
            entry["required"]!.AsArray().Select(n => (string)n!));
        var powerCharge = entry["properties"]!["power_charge"]!;
        Assert.Equal(["number", "null"], powerCharge["type"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(0m, (decimal)powerCharge["maximum"]!);
        Assert.Equal(-PhysicalBounds.MaxMagnitude, (decimal)powerCharge["minimum"]!);
        Assert.False((bool)entry["additionalProperties"]!);
    }

    [Fact]
    public void A_limit_the_binder_puts_on_a_list_is_the_documents_limit()
    {
        // Hand-kept, the document had no maxItems for these: the binders refused the 101st asset and the 10,001st slot.
        Assert.Equal(InverterFields.MaxAssets, (int)Schema("CreateInverterRequest")["properties"]!["asset_ids"]!["maxItems"]!);
        Assert.Equal(PutLimitsRequest.MaxRows, (int)Schema("PutSiteLimitsRequest")["properties"]!["limits"]!["maxItems"]!);
        Assert.Equal(PutLimitsRequest.MaxRows, (int)Schema("PutInverterLimitsRequest")["properties"]!["limits"]!["maxItems"]!);
    }

    [Fact]
    public void Patch_fields_that_may_be_omitted_but_not_null_refuse_null_and_the_others_admit_it()
    {
        var patch = Schema("PatchAssetRequest")["properties"]!;
        Assert.Equal("#/components/schemas/Name", (string)patch["name"]!["$ref"]!);
        Assert.Contains("null", patch["go_live_date"]!["type"]!.AsArray().Select(n => (string)n!));
        Assert.Null(Schema("PatchAssetRequest")["required"]);
    }

    [Fact]
    public void Csv_cells_read_as_numbers_and_booleans_where_the_entry_declares_them()
    {
        var columns = CsvColumns.Of(UpsertLimitsRequest.Entry);
        Assert.Equal(["power_charge", "power_discharge", "energy_low", "energy_high"], columns.Numbers);
        Assert.Equal(["trading_locked"], columns.Booleans);
    }

    [Fact]
    public void Two_different_declarations_under_one_component_name_are_refused()
    {
        var set = new SchemaSet();
        Fields.String(1, 10).Named("Same").Schema.Use(set, nullable: false);
        Fields.String(1, 10).Named("Same").Schema.Use(set, nullable: false);
        Assert.Throws<InvalidOperationException>(() => Fields.String(1, 20).Named("Same").Schema.Use(set, nullable: false));
    }

    [Fact]
    public void Every_json_request_body_is_a_shape_declared_in_the_code_and_none_is_hand_written()
    {
        var shapes = ApiDocument.RequestShapes();
        Assert.Null(JsonNode.Parse(AssetService.Functions.Http.EmbeddedFiles.Read("openapi.source.json"))!["components"]!["schemas"]);
        var bodies = Document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject())
            .Select(o => (string?)o.Value?["requestBody"]?["content"]?["application/json"]?["schema"]?["$ref"])
            .OfType<string>().Select(r => r.Split('/')[^1]).Distinct().ToArray();
        Assert.NotEmpty(bodies);
        foreach (var body in bodies) Assert.True(shapes.ContainsKey(body), $"{body} is read by no ObjectShape");
    }

    [Fact]
    public void Every_enum_of_a_vocabulary_is_written_from_it_with_its_comma_list()
    {
        var vocabularies = ApiDocument.Vocabularies().ToArray();
        Assert.Contains(vocabularies, v => v.Component == "DeliveryArea");
        Assert.Contains(vocabularies, v => v.Component == "HeadroomBound");
        foreach (var vocabulary in vocabularies)
        {
            Assert.Equal(vocabulary.Values, Schema(vocabulary.Component!)["enum"]!.AsArray().Select(n => (string)n!));
            if (vocabulary.ListComponent is { } list)
                Assert.Matches(Schema(list)["pattern"]!.GetValue<string>(), string.Join(',', vocabulary.Values));
        }
        Assert.Equal("FiftyHertz", (string)Schema("DeliveryArea")["x-ms-enum"]!["values"]![0]!["name"]!);
    }
}
