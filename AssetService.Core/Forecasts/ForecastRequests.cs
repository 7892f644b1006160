using System.Text.Json;
using AssetService.Core.Common;
using Microsoft.AspNetCore.Http;

namespace AssetService.Core.Forecasts;

public sealed record ForecastEntry(int Position, string AssetId, DateTime StartTime, decimal Generation, decimal Consumption);

public sealed record UpsertForecastsRequest(IReadOnlyList<ForecastEntry> Forecasts)
{
    public const int MaxEntries = 10_000;

    public static UpsertForecastsRequest Bind(JsonElement body) => JsonObject.Bind(body, o =>
    {
        var entries = o.Required("forecasts", PeriodFields.Batch(BindEntry, MaxEntries)) ?? [];
        NaturalKeys.CheckUnique(entries, e => $"(asset_id, start_time) = ({e.AssetId}, {Timestamps.Format(e.StartTime)})",
            o.Loc["forecasts"], o.Problems, e => e.Position);
        return new UpsertForecastsRequest(entries);
    });

    private static ForecastEntry BindEntry(JsonObject o)
    {
        PeriodFields.ForbidDeliveryDay(o);
        return new ForecastEntry(
            PeriodFields.Position(o),
            o.Required("asset_id", PeriodFields.AssetId),
            QuarterHour.ReadSlot(o),
            o.Required("generation", Fields.Number("MW", min: 0)),
            o.Required("consumption", Fields.Number("MW", min: 0)));
    }
}

public sealed record ForecastsQuery(IReadOnlyList<string> AssetIds, DateTime From, DateTime To, Page Page)
{
    public static ForecastsQuery Bind(IQueryCollection query) => QueryReader.Bind(query, q =>
    {
        var assetIds = q.List("asset_ids", required: true) ?? [];
        var (from, to) = (q.Timestamp("from", required: true), q.Timestamp("to", required: true));
        q.Window(from, to);
        return new ForecastsQuery(assetIds, from ?? default, to ?? default, q.Page());
    });
}
