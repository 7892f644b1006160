using System.Text.Json;
using AssetService.Core.Common;
using Microsoft.AspNetCore.Http;

namespace AssetService.Core.Forecasts;

public sealed record ForecastEntry(int Position, string AssetId, DateTime StartTime, decimal Generation, decimal Consumption);

public sealed record UpsertForecastsRequest(IReadOnlyList<ForecastEntry> Forecasts)
{
    public const int MaxEntries = 10_000;

    public static readonly ObjectShape<ForecastEntry> Entry = new("ForecastEntry",
        "A forecast for one 15-minute slot. `delivery_day` is derived; sending it is a 422.", o =>
    {
        PeriodFields.ForbidDeliveryDay(o);
        return new ForecastEntry(
            PeriodFields.Position(o),
            o.Required("asset_id", PeriodFields.AssetId),
            QuarterHour.ReadSlot(o),
            o.Required("generation", Fields.Number("MW", min: 0).Doc("MW, >= 0.")),
            o.Required("consumption", Fields.Number("MW", min: 0).Doc("MW, >= 0.")));
    });

    public static readonly ObjectShape<UpsertForecastsRequest> Shape = new("UpsertForecastsRequest",
        $"1..{MaxEntries} forecast slots, all or nothing.", o =>
    {
        var entries = o.Required("forecasts", PeriodFields.Batch(Entry, MaxEntries)) ?? [];
        NaturalKeys.CheckUnique(entries, e => $"(asset_id, start_time) = ({e.AssetId}, {Timestamps.Format(e.StartTime)})",
            o.Loc["forecasts"], o.Problems, e => e.Position);
        return new UpsertForecastsRequest(entries);
    });

    public static UpsertForecastsRequest Bind(JsonElement body) => Shape.Bind(body);
}

public sealed record ForecastsQuery(IReadOnlyList<string> AssetIds, DateTime From, DateTime To, Page Page)
{
    public static readonly QueryShape<ForecastsQuery> Shape = new(["GetForecasts"], q =>
    {
        var assetIds = q.List("asset_ids", required: true, doc: ParameterDocs.AssetIds) ?? [];
        var (from, to) = (q.Timestamp("from", required: true, doc: ParameterDocs.WindowFrom), q.Timestamp("to", required: true, doc: ParameterDocs.WindowTo));
        q.Window(from, to);
        return new ForecastsQuery(assetIds, from ?? default, to ?? default, q.Page());
    });

    public static ForecastsQuery Bind(IQueryCollection query) => Shape.Bind(query);
}
