using System.Text.Json;
using System.Text.RegularExpressions;
using AssetService.Core.Common;
using Microsoft.AspNetCore.Http;

namespace AssetService.Core.Reservations;

public sealed record ReservationEntry(
    int Position, string AssetId, DateTime StartTime, string Market, string Source,
    decimal Power, decimal EnergyChange, decimal EnergyBufferLow, decimal EnergyBufferHigh);

public sealed partial record UpsertReservationsRequest(IReadOnlyList<ReservationEntry> Reservations)
{
    public const int MaxEntries = 1000;

    [GeneratedRegex("^[A-Z0-9_]+$")]
    private static partial Regex MarketPattern();

    public static readonly FieldParser<string> Market = Fields.String(1, 64, MarketPattern())
        .Named("Market", "A market name: 1..64 characters of `A-Z0-9_`.", "DAY_AHEAD");

    public static readonly ObjectShape<ReservationEntry> Entry = new("ReservationEntry",
        "A reservation for one 15-minute slot; every field is required.", o =>
    {
        PeriodFields.ForbidDeliveryDay(o);
        return new ReservationEntry(
            PeriodFields.Position(o),
            o.Required("asset_id", PeriodFields.AssetId),
            QuarterHour.ReadSlot(o),
            o.Required("market", Market),
            o.Required("source", Fields.OneOf(ReservationSources.All)),
            o.Required("power", Fields.Number("MW").Doc("MW; positive discharges, negative charges.")),
            o.Required("energy_change", Fields.Number("MWh").Doc("MWh the position moves.")),
            o.Required("energy_buffer_low", Fields.Number("MWh", min: 0).Doc("MWh, >= 0.")),
            o.Required("energy_buffer_high", Fields.Number("MWh", min: 0).Doc("MWh, >= 0.")));
    });

    public static readonly ObjectShape<UpsertReservationsRequest> Shape = new("UpsertReservationsRequest",
        $"1..{MaxEntries} reservations, all or nothing.", o =>
    {
        var entries = o.Required("reservations", PeriodFields.Batch(Entry, MaxEntries)) ?? [];
        NaturalKeys.CheckUnique(entries,
            e => $"(asset_id, start_time, market, source) = ({e.AssetId}, {Timestamps.Format(e.StartTime)}, {e.Market}, {e.Source})",
            o.Loc["reservations"], o.Problems, e => e.Position);
        return new UpsertReservationsRequest(entries);
    });

    public static UpsertReservationsRequest Bind(JsonElement body) => Shape.Bind(body);
}

public sealed record ReservationsQuery(
    IReadOnlyList<string> AssetIds, DateTime From, DateTime To, IReadOnlyList<string>? Markets, IReadOnlyList<string>? Sources, Page Page)
{
    public static readonly QueryShape<ReservationsQuery> Shape = new(["GetReservations"], q =>
    {
        var assetIds = q.List("asset_ids", required: true, doc: ParameterDocs.AssetIds) ?? [];
        var (from, to) = (q.Timestamp("from", required: true, doc: ParameterDocs.WindowFrom), q.Timestamp("to", required: true, doc: ParameterDocs.WindowTo));
        q.Window(from, to);
        return new ReservationsQuery(assetIds, from ?? default, to ?? default,
            q.List("markets", doc: "Only these markets; repeated or comma-separated. An unknown market matches nothing."),
            q.List("sources", vocabulary: ReservationSources.All, doc: "Only these sources (`ReservationSource` values): repeat the parameter " +
                "(`sources=EXTERNAL&sources=DAA_SWAP`), separate them with commas (`sources=EXTERNAL,DAA_SWAP`), or both."), q.Page());
    });

    public static ReservationsQuery Bind(IQueryCollection query) => Shape.Bind(query);
}
