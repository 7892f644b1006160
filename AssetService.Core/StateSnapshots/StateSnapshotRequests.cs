using System.Text.Json;
using AssetService.Core.Common;
using Microsoft.AspNetCore.Http;

namespace AssetService.Core.StateSnapshots;

public sealed record StateSnapshotEntry(
    int Position, string AssetId, DateTime EffectiveAt, decimal StoredEnergy, decimal? ChargedEnergy, decimal? DischargedEnergy);

public sealed record UpsertStateSnapshotsRequest(IReadOnlyList<StateSnapshotEntry> StateSnapshots)
{
    public const int MaxEntries = 10_000;

    public static readonly ObjectShape<StateSnapshotEntry> Entry = new("StateSnapshotInput", "One snapshot to store.", o => new(
        PeriodFields.Position(o),
        o.Required("asset_id", PeriodFields.AssetId),
        o.Required("effective_at", Fields.Timestamp),
        o.Required("stored_energy", Fields.Number("MWh", min: 0).Doc("MWh stored at `effective_at`.")),
        o.Nullable("charged_energy", Fields.Number("MWh", min: 0).Doc("MWh charged in the interval that ends at `effective_at`; absent means null.")),
        o.Nullable("discharged_energy", Fields.Number("MWh", min: 0).Doc("MWh discharged in the interval that ends at `effective_at`; absent means null."))));

    public static readonly ObjectShape<UpsertStateSnapshotsRequest> Shape = new("CreateStateSnapshotsRequest",
        $"1..{MaxEntries} snapshots, written all or nothing.", o =>
    {
        var entries = o.Required("state_snapshots", PeriodFields.Batch(Entry, MaxEntries)) ?? [];
        NaturalKeys.CheckUnique(entries, e => $"(asset_id, effective_at) = ({e.AssetId}, {Timestamps.Format(e.EffectiveAt)})",
            o.Loc["state_snapshots"], o.Problems, e => e.Position);
        return new UpsertStateSnapshotsRequest(entries);
    });

    public static UpsertStateSnapshotsRequest Bind(JsonElement body) => Shape.Bind(body);
}

/// <summary>Latest mode (<c>latest=true</c>, no from/to) or range mode (<c>from</c> required, <c>to</c> defaults to now).</summary>
public sealed record StateSnapshotsQuery(IReadOnlyList<string> AssetIds, bool Latest, DateTime From, DateTime To, Page Page)
{
    // The shape is declared once; the request's now comes after binding.
    public static readonly QueryShape<Func<DateTime, StateSnapshotsQuery>> Shape = new(["GetStateSnapshots"], q =>
    {
        var assetIds = q.List("asset_ids", required: true, doc: ParameterDocs.AssetIds) ?? [];
        var (latest, from, to) = q.LatestOrWindow();
        var page = q.Page();
        return now => new StateSnapshotsQuery(assetIds, latest, from ?? default, to ?? now, page);
    });

    public static StateSnapshotsQuery Bind(IQueryCollection query, DateTime now) => Shape.Bind(query)(now);
}
