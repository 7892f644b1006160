using System.Text.Json;
using AssetService.Core.Assets;
using AssetService.Core.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace AssetService.Tests.Common;

public sealed class ConventionTests
{
    private static QueryCollection Query(params (string Key, string[] Values)[] pairs) =>
        new(pairs.ToDictionary(p => p.Key, p => new StringValues(p.Values)));

    [Fact]
    public void Arrays_accept_repeated_and_comma_separated_values_mixed()
    {
        var reader = new QueryReader(Query(("asset_ids", ["A,B", "C", " D , ,A"])));
        Assert.Equal(["A", "B", "C", "D"], reader.List("asset_ids"));
        Assert.False(reader.Problems.Any);
    }

    [Fact]
    public void A_required_array_that_is_empty_is_missing()
    {
        var reader = new QueryReader(Query(("asset_ids", [",", ""])));
        Assert.Null(reader.List("asset_ids", required: true));
        Assert.Equal(1, reader.Problems.Count);
    }

    [Theory]
    [InlineData("1", "0", true)]
    [InlineData("1000", "0", true)]
    [InlineData("0", "0", false)]
    [InlineData("1001", "0", false)]
    [InlineData("abc", "0", false)]
    [InlineData("50", "-1", false)]
    [InlineData("50", "1.5", false)]
    public void Limit_and_offset_bounds(string limit, string offset, bool valid)
    {
        var reader = new QueryReader(Query(("limit", [limit]), ("offset", [offset])));
        reader.Page();
        Assert.Equal(valid, !reader.Problems.Any);
    }

    [Fact]
    public void Paging_defaults_to_fifty_from_zero()
    {
        var reader = new QueryReader(Query());
        Assert.Equal(new Page(50, 0), reader.Page());
    }

    [Theory]
    [InlineData("2026-03-29T01:00:00Z", "2026-03-29T01:00:00Z")]
    [InlineData("2026-03-29T03:00:00+02:00", "2026-03-29T01:00:00Z")]
    [InlineData("2026-10-25T02:30:00.5+01:00", "2026-10-25T01:30:00.5Z")]
    [InlineData("2026-03-29t01:00:00z", "2026-03-29T01:00:00Z")]
    public void Timestamps_with_an_offset_are_read_as_utc(string text, string utc)
    {
        Assert.True(Timestamps.TryParse(text, Loc.Query["from"], new Problems(), out var parsed));
        Assert.Equal(utc, Timestamps.Format(parsed));
    }

    [Theory]
    [InlineData("2026-03-29T01:00:00", "timezone_aware")]
    [InlineData("2026-03-29", "timezone_aware")]
    [InlineData("2026-02-30T01:00:00Z", "datetime_parsing")]
    [InlineData("yesterday", "datetime_parsing")]
    [InlineData("2026-03-29T25:00:00Z", "datetime_parsing")]
    public void Timestamps_without_offset_or_invalid_are_refused(string text, string type)
    {
        var problems = new Problems();
        Assert.False(Timestamps.TryParse(text, Loc.Query["from"], problems, out _));
        var error = Assert.Throws<RequestValidationException>(problems.ThrowIfAny).Errors.Single();
        Assert.Equal(type, error.Type);
        Assert.Equal(["query", "from"], error.Loc);
    }

    [Theory]
    [InlineData("DE", "50HZ", true)]
    [InlineData("DE", "AMPN", true)]
    [InlineData("DE", "TNBW", true)]
    [InlineData("DE", "TNNT", true)]
    [InlineData("PL", "PSE", true)]
    [InlineData("DE", "PSE", false)]
    [InlineData("PL", "50HZ", false)]
    public void Region_and_delivery_area_must_agree(string region, string area, bool agree) =>
        Assert.Equal(agree, MarketArea.Agree(region, area));

    [Fact]
    public void Asset_ids_are_region_area_code_and_a_number()
    {
        var request = CreateAssetRequest.Bind(JsonDocument.Parse(
            """{"code":"WU","name":"Wustermark","type":"BESS","region":"DE","delivery_area":"50HZ","provider":"EBX"}""").RootElement);
        Assert.Equal("DE_50HZ_WU", request.IdPrefix);
    }

    [Fact]
    public void Absent_null_and_value_are_three_different_things_in_a_patch()
    {
        var absent = PatchAssetRequest.Bind(JsonDocument.Parse("{}").RootElement);
        var cleared = PatchAssetRequest.Bind(JsonDocument.Parse("""{"go_live_date": null}""").RootElement);
        var set = PatchAssetRequest.Bind(JsonDocument.Parse("""{"go_live_date": "2026-05-01"}""").RootElement);
        Assert.False(absent.GoLiveDate.IsPresent);
        Assert.True(cleared.GoLiveDate.IsNull);
        Assert.Equal(new DateOnly(2026, 5, 1), set.GoLiveDate.Value);
    }

    [Fact]
    public void Wrong_json_types_are_named_by_field()
    {
        var error = Assert.Throws<RequestValidationException>(() => CreateAssetRequest.Bind(JsonDocument.Parse(
            """{"code": 12, "name": true, "type": null, "region": "DE", "delivery_area": "50HZ", "provider": ["EBX"]}""").RootElement));
        Assert.Equal(["string_type", "string_type", "enum", "enum"], error.Errors.Select(e => e.Type));
        Assert.Equal(["code", "name", "type", "provider"], error.Errors.Select(e => e.Loc[1]));
    }

    [Fact]
    public void Responses_write_timestamps_in_utc_with_z_and_names_in_snake_case()
    {
        var json = JsonSerializer.Serialize(new { DeliveryArea = "50HZ", CreatedAt = new DateTime(2026, 3, 29, 1, 0, 0, DateTimeKind.Utc) }, Json.Options);
        Assert.Equal("""{"delivery_area":"50HZ","created_at":"2026-03-29T01:00:00Z"}""", json);
    }
}
