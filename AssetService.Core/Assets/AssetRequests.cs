using System.Text.Json;
using System.Text.RegularExpressions;
using AssetService.Core.Common;
using Microsoft.AspNetCore.Http;

namespace AssetService.Core.Assets;

public static partial class AssetFields
{
    [GeneratedRegex("^[A-Z0-9]{1,20}$")]
    public static partial Regex CodePattern();

    public static readonly FieldParser<string> Code = Fields.String(1, 20, CodePattern()).Named("Code", "Upper-case letters and digits, 1..20.", "WU");
    public static readonly FieldParser<string> Name = Fields.String(1, 200, trim: true).Named("Name", "1..200 characters after trimming.", "Wustermark");
}

public sealed record CreateAssetRequest(string Code, string Name, string Type, string Region, string DeliveryArea, string Provider)
{
    public string IdPrefix => $"{Region}_{DeliveryArea}_{Code}";

    public static readonly ObjectShape<CreateAssetRequest> Shape = new("CreateAssetRequest",
        "Every field is required; any other field is a 422 (`extra_forbidden`).", o =>
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

    public static CreateAssetRequest Bind(JsonElement body) => Shape.Bind(body);
}

/// <summary>The optional body of a lifecycle action: none, or an empty object.</summary>
public static class ActionRequest
{
    public static readonly ObjectShape<int> Shape = new("ActionRequest",
        "The body of a lifecycle action: an empty object. Actions take no input.", _ => 0, new System.Text.Json.Nodes.JsonObject());
}

/// <summary>Only present fields are applied; <c>go_live_date: null</c> clears the date.</summary>
public sealed record PatchAssetRequest(
    Optional<string> Name, Optional<string> Type, Optional<DateOnly> GoLiveDate, Optional<string> Provider)
{
    public static readonly ObjectShape<PatchAssetRequest> Shape = new("PatchAssetRequest",
        "Only the fields present are applied. `null` is accepted only for `go_live_date`. `lifecycle` (use the actions), `code`, " +
        "`region`, `delivery_area` and `id` are 422 (`extra_forbidden`), as is any unknown field.", o =>
    {
        foreach (var field in new[] { "lifecycle", "code", "region", "delivery_area", "id" })
            o.Forbidden(field, field == "lifecycle"
                ? "lifecycle cannot be patched; use the asset actions (commission, go-live, suspend, resume, decommission)"
                : $"{field} is immutable; it is part of the asset id");
        return new PatchAssetRequest(
            o.OptionalNotNull("name", AssetFields.Name),
            o.OptionalNotNull("type", Fields.OneOf(Vocabularies.AssetType)),
            o.Optional("go_live_date", Fields.Date.Doc("`YYYY-MM-DD`; `null` clears it.")),
            o.OptionalNotNull("provider", Fields.OneOf(Vocabularies.Provider)));
    });

    public static PatchAssetRequest Bind(JsonElement body) => Shape.Bind(body);
}

public sealed record AssetListQuery(string? Type, string? Region, string? Lifecycle, string? DeliveryArea, string? Provider, Page Page)
{
    public static readonly QueryShape<AssetListQuery> Shape = new(["ListAssets"], q => new AssetListQuery(
        q.OneOf("type", Vocabularies.AssetType, doc: "Only assets of this type."),
        q.OneOf("region", Vocabularies.Region, doc: "Only assets of this region."),
        q.OneOf("lifecycle", Vocabularies.Lifecycle, doc: "Only assets in this lifecycle state."),
        q.OneOf("delivery_area", Vocabularies.DeliveryArea, doc: "Only assets of this delivery area."),
        q.OneOf("provider", Vocabularies.Provider, doc: "Only assets of this provider."),
        q.Page()));

    public static AssetListQuery Bind(IQueryCollection query) => Shape.Bind(query);
}
