using AssetService.Core.Common;
using Microsoft.AspNetCore.Http;

namespace AssetService.Core.Dispatches;

/// <summary>GET /dispatches: <c>asset_ids</c>, <c>from</c>, <c>to</c> required, <c>delivery_day</c> optional.</summary>
public sealed record DispatchListQuery(IReadOnlyList<string> AssetIds, DateTime From, DateTime To, DateOnly? DeliveryDay, Page Page)
{
    public static DispatchListQuery Bind(IQueryCollection query) => QueryReader.Bind(query, q =>
    {
        var assetIds = q.List("asset_ids", required: true);
        var from = q.Timestamp("from", required: true);
        var to = q.Timestamp("to", required: true);
        q.Window(from, to);
        return new DispatchListQuery(assetIds ?? [], from ?? default, to ?? default, q.Date("delivery_day"), q.Page());
    });
}
