using AssetService.Core.Common;
using Microsoft.AspNetCore.Http;

namespace AssetService.Core.Status;

/// <summary>
/// GET /status: <c>asset_ids</c> required; either <c>latest=true</c> (without from/to) or a window from
/// <c>from</c> to <c>to</c> (default now); <c>status</c> filters both.
/// </summary>
public sealed record StatusListQuery(
    IReadOnlyList<string> AssetIds, bool Latest, DateTime? From, DateTime? To, IReadOnlyList<string> Statuses, Page Page)
{
    public static readonly QueryShape<StatusListQuery> Shape = new(["ListStatus"], q =>
    {
        var assetIds = q.List("asset_ids", required: true, doc: ParameterDocs.AssetIds);
        var (latest, from, to) = q.LatestOrWindow();
        var statuses = q.List("status", vocabulary: Vocabularies.AssetStatus, doc: "Only these statuses (`Status` values): repeat the parameter " +
            "(`status=ONLINE&status=OFFLINE`), separate them with commas (`status=ONLINE,OFFLINE`), or both.") ?? [];
        return new StatusListQuery(assetIds ?? [], latest, from, to, statuses, q.Page());
    });

    public static StatusListQuery Bind(IQueryCollection query) => Shape.Bind(query);
}

public sealed record StatusList(IReadOnlyList<AssetStatusEntry> Statuses, int Limit, int Offset)
{
    public static readonly ResponseShape Shape = ResponseShape.Page(typeof(StatusList), "StatusListResponse", "A page of status entries.");
}
