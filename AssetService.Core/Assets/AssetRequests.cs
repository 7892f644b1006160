using System.Text.Json;
using System.Text.RegularExpressions;
using AssetService.Core.Common;
using Microsoft.AspNetCore.Http;

namespace AssetService.Core.Assets;

public static partial class AssetFields
{
    [GeneratedRegex("^[A-Z0-9]{1,20}$")]
    public static partial Regex CodePattern();

    public static readonly FieldParser<string> Code = Fields.String(1, 20, CodePattern());
    public static readonly FieldParser<string> Name = Fields.String(1, 200, trim: true);
}

public sealed record CreateAssetRequest(string Code, string Name, string Type, string Region, string DeliveryArea, string Provider)
{
    public string IdPrefix => $"{Region}_{DeliveryArea}_{Code}";

    public static CreateAssetRequest Bind(JsonElement body) => JsonObject.Bind(body, o =>
    {
        var request = new CreateAssetRequest(
            o.Required("code", AssetFields.Code),
            o.Required("name", AssetFields.Name),
            o.Required("type", Fields.OneOf(Vocabularies.AssetType)),
            o.Required("region", Fields.OneOf(Vocabularies.Region)),
            o.Required("delivery_area", Fields.OneOf(Vocabularies.DeliveryArea)),
            o.Required("provider", Fields.OneOf(Vocabularies.Provider)));
        MarketArea.Check(request.Region, request.DeliveryArea, o.Loc["delivery_area"], o.Problems);
        return request;
    });
}

/// <summary>Only present fields are applied; <c>go_live_date: null</c> clears the date.</summary>
public sealed record PatchAssetRequest(
    Optional<string> Name, Optional<string> Type, Optional<DateOnly> GoLiveDate, Optional<string> Provider)
{
    public static PatchAssetRequest Bind(JsonElement body) => JsonObject.Bind(body, o =>
    {
        foreach (var field in new[] { "lifecycle", "code", "region", "delivery_area", "id" })
            o.Forbidden(field, field == "lifecycle"
                ? "lifecycle cannot be patched; use the asset actions (commission, go-live, suspend, resume, decommission)"
                : $"{field} is immutable; it is part of the asset id");
        return new PatchAssetRequest(
            o.OptionalNotNull("name", AssetFields.Name),
            o.OptionalNotNull("type", Fields.OneOf(Vocabularies.AssetType)),
            o.Optional("go_live_date", Fields.Date),
            o.OptionalNotNull("provider", Fields.OneOf(Vocabularies.Provider)));
    });
}

public sealed record AssetListQuery(string? Type, string? Region, string? Lifecycle, string? DeliveryArea, string? Provider, Page Page)
{
    public static AssetListQuery Bind(IQueryCollection query) => QueryReader.Bind(query, q => new AssetListQuery(
        q.OneOf("type", Vocabularies.AssetType),
        q.OneOf("region", Vocabularies.Region),
        q.OneOf("lifecycle", Vocabularies.Lifecycle),
        q.OneOf("delivery_area", Vocabularies.DeliveryArea),
        q.OneOf("provider", Vocabularies.Provider),
        q.Page()));
}
