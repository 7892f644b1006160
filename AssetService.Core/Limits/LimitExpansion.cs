using AssetService.Core.Common;

namespace AssetService.Core.Limits;

/// <summary>The 15-minute rows of a PATCH as column arrays, sorted by the key (asset_id, start_time, source).</summary>
public sealed record LimitRows(
    string[] AssetIds,
    DateTime[] StartTimes,
    string[] Sources,
    DateOnly[] DeliveryDays,
    decimal?[] PowerCharge,
    decimal?[] PowerDischarge,
    decimal?[] EnergyLow,
    decimal?[] EnergyHigh,
    bool?[] TradingLocked)
{
    public int Count => StartTimes.Length;
}

/// <summary>Turns PATCH entries (time-of-day window x date range) into one row per slot.</summary>
public static class LimitExpansion
{
    /// <summary>
    /// Two entries writing the same (asset_id, start_time, source) is a 422 naming both positions,
    /// reported once per pair of entries with the first slot they share.
    /// </summary>
    public static void CheckUniqueSlots(IReadOnlyList<LimitEntry> entries, Loc listLoc, Problems problems)
    {
        foreach (var group in entries.GroupBy(e => (e.AssetId, e.Source)).Where(g => g.Skip(1).Any()))
        {
            var writtenBy = new Dictionary<DateTime, int>();
            var reported = new HashSet<(int, int)>();
            foreach (var entry in group)
            foreach (var start in entry.SlotStarts())
            {
                if (writtenBy.TryAdd(start, entry.Position)) continue;
                var first = writtenBy[start];
                if (reported.Add((first, entry.Position)))
                    problems.Add("value_error", listLoc[entry.Position],
                        $"Duplicate key (asset_id, start_time, source) = ({entry.AssetId}, {Timestamps.Format(start)}, {entry.Source}): " +
                        $"the same slot is also written by the entry at position {first}");
            }
        }
    }

    public static LimitRows Expand(IReadOnlyList<LimitEntry> entries, IReadOnlyDictionary<string, string> regions)
    {
        var rows = new List<(LimitEntry Entry, DateTime Start)>((int)entries.Sum(e => e.RowCount));
        foreach (var entry in entries)
        foreach (var start in entry.SlotStarts())
            rows.Add((entry, start));
        // Key order, so that concurrent batches lock rows in the same order and cannot deadlock.
        rows.Sort((a, b) =>
        {
            var byAsset = string.CompareOrdinal(a.Entry.AssetId, b.Entry.AssetId);
            if (byAsset != 0) return byAsset;
            var byStart = a.Start.CompareTo(b.Start);
            return byStart != 0 ? byStart : string.CompareOrdinal(a.Entry.Source, b.Entry.Source);
        });

        var n = rows.Count;
        var result = new LimitRows(new string[n], new DateTime[n], new string[n], new DateOnly[n],
            new decimal?[n], new decimal?[n], new decimal?[n], new decimal?[n], new bool?[n]);
        for (var i = 0; i < n; i++)
        {
            var (entry, start) = rows[i];
            result.AssetIds[i] = entry.AssetId;
            result.StartTimes[i] = start;
            result.Sources[i] = entry.Source;
            result.DeliveryDays[i] = DeliveryDay.Of(start, regions[entry.AssetId]);
            result.PowerCharge[i] = entry.PowerCharge;
            result.PowerDischarge[i] = entry.PowerDischarge;
            result.EnergyLow[i] = entry.EnergyLow;
            result.EnergyHigh[i] = entry.EnergyHigh;
            result.TradingLocked[i] = entry.TradingLocked;
        }
        return result;
    }
}
