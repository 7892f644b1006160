using System.Text.Json;
using AssetService.Core.Common;
using Microsoft.AspNetCore.Http;

namespace AssetService.Core.StateSnapshots;

public sealed record StateSnapshotEntry(
    int Position, string AssetId, DateTime EffectiveAt, decimal StoredEnergy, decimal? ChargedEnergy, decimal? DischargedEnergy);

public sealed record UpsertStateSnapshotsRequest(IReadOnlyList<StateSnapshotEntry> StateSnapshots)
{
    public const int MaxEntries = 10_000;

    public static UpsertStateSnapshotsRequest Bind(JsonElement body) => JsonObject.Bind(body, o =>
    {
        var entries = o.Required("state_snapshots", PeriodFields.Batch(BindEntry, MaxEntries)) ?? [];
        NaturalKeys.CheckUnique(entries, e => $"(asset_id, effective_at) = ({e.AssetId}, {Timestamps.Format(e.EffectiveAt)})",
            o.Loc["state_snapshots"], o.Problems, e => e.Position);
        return new UpsertStateSnapshotsRequest(entries);
    });

    private static StateSnapshotEntry BindEntry(JsonObject o) => new(
        PeriodFields.Position(o),
        o.Required("asset_id", PeriodFields.AssetId),
        o.Required("effective_at", Fields.Timestamp),
        o.Required("stored_energy", Fields.Number("MWh", min: 0)),
        o.Nullable("charged_energy", Fields.Number("MWh", min: 0)),
        o.Nullable("discharged_energy", Fields.Number("MWh", min: 0)));
}

/// <summary>Latest mode (<c>latest=true</c>, no from/to) or range mode (<c>from</c> required, <c>to</c> defaults to now).</summary>
public sealed record StateSnapshotsQuery(IReadOnlyList<string> AssetIds, bool Latest, DateTime From, DateTime To, Page Page)
{
    public static StateSnapshotsQuery Bind(IQueryCollection query, DateTime now) => QueryReader.Bind(query, q =>
    {
        var assetIds = q.List("asset_ids", required: true) ?? [];
        var (latest, from, to) = q.LatestOrWindow();
        return new StateSnapshotsQuery(assetIds, latest, from ?? default, to ?? now, q.Page());
    });
}
