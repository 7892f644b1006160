using AssetService.Core.Common;

namespace AssetService.Core.StateSnapshots;

/// <summary>
/// The stored energy of an asset at <c>effective_at</c> (MWh), and the energy charged and discharged in
/// the interval that ends there (MWh, null when not reported).
/// </summary>
public sealed record StateSnapshot(
    string AssetId,
    DateTime EffectiveAt,
    decimal StoredEnergy,
    decimal? ChargedEnergy,
    decimal? DischargedEnergy,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static readonly ResponseShape Shape = new(typeof(StateSnapshot), "StateSnapshot", "A stored state-of-charge snapshot.")
    {
        [nameof(AssetId)] = PeriodFields.AssetId.Schema,
        [nameof(StoredEnergy)] = Wire.Number(min: 0).Described("MWh"),
        [nameof(ChargedEnergy)] = Wire.Number(min: 0).Described("MWh"),
        [nameof(DischargedEnergy)] = Wire.Number(min: 0).Described("MWh"),
        [nameof(CreatedAt)] = Wire.UtcTimestamp.Described("First write of this (asset_id, effective_at); kept by later writes."),
        [nameof(UpdatedAt)] = Wire.UtcTimestamp.Described("Last write."),
    };
}

public sealed record StateSnapshotsWritten(IReadOnlyList<StateSnapshot> StateSnapshots)
{
    public static readonly ResponseShape Shape = new(typeof(StateSnapshotsWritten), "StateSnapshotsResponse",
        "The rows as stored, in the order of the request.");
}

/// <summary>A page of snapshots; the totals cover the whole window, keyed by asset id (empty in latest mode).</summary>
public sealed record StateSnapshotList(
    IReadOnlyList<StateSnapshot> StateSnapshots,
    int Limit,
    int Offset,
    IReadOnlyDictionary<string, decimal?> TotalChargedEnergy,
    IReadOnlyDictionary<string, decimal?> TotalDischargedEnergy)
{
    public static readonly ResponseShape Shape = ResponseShape.Page(typeof(StateSnapshotList), "StateSnapshotListResponse",
        "A page of snapshots with window totals.",
        (nameof(TotalChargedEnergy), Wire.MapOf(Wire.AnyNumber, nullableValues: true).Described(
            "MWh charged per asset over the whole window (not just this page): one key per asset with a snapshot in the window, " +
            "null when none of its snapshots there reports `charged_energy`. `{}` in latest mode.")),
        (nameof(TotalDischargedEnergy), Wire.MapOf(Wire.AnyNumber, nullableValues: true).Described(
            "MWh discharged per asset over the whole window (not just this page): one key per asset with a snapshot in the window, " +
            "null when none of its snapshots there reports `discharged_energy`. `{}` in latest mode.")));
}
