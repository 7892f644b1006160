using AssetService.Core.Common;
using Microsoft.AspNetCore.Http;

namespace AssetService.Core.Dispatches;

/// <summary>GET /dispatches: <c>asset_ids</c>, <c>from</c>, <c>to</c> required, <c>delivery_day</c> optional.</summary>
public sealed record DispatchListQuery(IReadOnlyList<string> AssetIds, DateTime From, DateTime To, DateOnly? DeliveryDay, Page Page)
{
    public static readonly QueryShape<DispatchListQuery> Shape = new(["ListDispatches"], q =>
    {
        var assetIds = q.List("asset_ids", required: true, doc: ParameterDocs.AssetIds);
        var from = q.Timestamp("from", required: true, doc: ParameterDocs.WindowFrom);
        var to = q.Timestamp("to", required: true, doc: ParameterDocs.WindowTo);
        q.Window(from, to);
        return new DispatchListQuery(assetIds ?? [], from ?? default, to ?? default,
            q.Date("delivery_day", doc: "Only dispatches of this delivery day (narrows the window further)."), q.Page());
    });

    public static DispatchListQuery Bind(IQueryCollection query) => Shape.Bind(query);
}
