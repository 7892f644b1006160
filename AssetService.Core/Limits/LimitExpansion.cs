using AssetService.Core.Common;

namespace AssetService.Core.Limits;

/// <summary>The slots PATCH entries (time-of-day window x date range) write; PostgreSQL expands them (LimitsService).</summary>
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
}
