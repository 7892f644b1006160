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
    DateTime UpdatedAt);

public sealed record StateSnapshotsWritten(IReadOnlyList<StateSnapshot> StateSnapshots);

/// <summary>A page of snapshots; the totals cover the whole window, keyed by asset id (empty in latest mode).</summary>
public sealed record StateSnapshotList(
    IReadOnlyList<StateSnapshot> StateSnapshots,
    int Limit,
    int Offset,
    IReadOnlyDictionary<string, decimal?> TotalChargedEnergy,
    IReadOnlyDictionary<string, decimal?> TotalDischargedEnergy);
