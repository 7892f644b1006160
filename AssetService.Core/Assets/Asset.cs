using AssetService.Core.Common;

namespace AssetService.Core.Assets;

/// <summary>An asset master record as stored and as answered (<c>AssetResponse</c>).</summary>
public sealed record Asset(
    string Id,
    string Code,
    string Name,
    string Type,
    string Region,
    string DeliveryArea,
    string Lifecycle,
    string Provider,
    DateOnly? GoLiveDate,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static readonly ResponseShape Shape = new(typeof(Asset), "AssetResponse", "An asset master record.")
    {
        [nameof(Id)] = PeriodFields.AssetId.Schema,
        [nameof(Code)] = AssetFields.Code.Schema,
        [nameof(Name)] = AssetFields.Name.Schema,
        [nameof(Type)] = Fields.OneOf(Vocabularies.AssetType).Schema,
        [nameof(Region)] = Fields.OneOf(Vocabularies.Region).Schema,
        [nameof(DeliveryArea)] = Fields.OneOf(Vocabularies.DeliveryArea).Schema,
        [nameof(Lifecycle)] = Fields.OneOf(Vocabularies.Lifecycle).Schema,
        [nameof(Provider)] = Fields.OneOf(Vocabularies.Provider).Schema,
        [nameof(GoLiveDate)] = Fields.Date.Schema.Described("Set by go-live to today (UTC) when still null; may be patched."),
    };
}

public sealed record AssetList(IReadOnlyList<Asset> Assets, int Limit, int Offset)
{
    public static readonly ResponseShape Shape = ResponseShape.Page(typeof(AssetList), "AssetListResponse",
        "A page of assets ordered by id (byte order).");
}
