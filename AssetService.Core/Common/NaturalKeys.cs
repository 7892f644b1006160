namespace AssetService.Core.Common;

public static class NaturalKeys
{
    /// <summary>
    /// The same natural key twice in one batch is a 422 that names both positions. An item's position is
    /// its index, unless <paramref name="position"/> says otherwise (a batch that kept only the entries
    /// that bound must report the positions they had in the request).
    /// </summary>
    public static void CheckUnique<T, TKey>(IReadOnlyList<T> items, Func<T, TKey> key, Loc listLoc, Problems problems,
        Func<T, int>? position = null)
        where TKey : notnull
    {
        var seen = new Dictionary<TKey, int>();
        for (var i = 0; i < items.Count; i++)
        {
            var (k, at) = (key(items[i]), position?.Invoke(items[i]) ?? i);
            if (seen.TryAdd(k, at)) continue;
            problems.Add("value_error", listLoc[at], $"Duplicate key {k}: the same key is also at position {seen[k]}");
        }
    }
}
