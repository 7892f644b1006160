namespace AssetService.Core.Changes;

/// <summary>
/// The assets and sites a write touches: <see cref="AuthoredWrite"/> locks them before it takes the
/// write's instant, so that two writes of one owner get their instants in the order they commit.
/// </summary>
public sealed record WriteOwners(IReadOnlyCollection<string> AssetIds, IReadOnlyCollection<string> SiteIds)
{
    /// <summary>A write that only creates rows nobody else can touch yet (a new asset or site).</summary>
    public static readonly WriteOwners None = new([], []);

    public static WriteOwners Asset(string id) => new([id], []);

    public static WriteOwners Assets(IEnumerable<string> ids) => new(ids.Distinct(StringComparer.Ordinal).ToArray(), []);

    public static WriteOwners Site(string id) => new([], [id]);
}
