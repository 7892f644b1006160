namespace AssetService.Core.Common;

public static class NaturalKeys
{
    /// <summary>The same natural key twice in one batch is a 422 that names both positions.</summary>
    public static void CheckUnique<T, TKey>(IReadOnlyList<T> items, Func<T, TKey> key, Loc listLoc, Problems problems)
        where TKey : notnull
    {
        var seen = new Dictionary<TKey, int>();
        for (var i = 0; i < items.Count; i++)
        {
            var k = key(items[i]);
            if (seen.TryAdd(k, i)) continue;
            problems.Add("value_error", listLoc[i], $"Duplicate key {k}: the same key is also at position {seen[k]}");
        }
    }
}
