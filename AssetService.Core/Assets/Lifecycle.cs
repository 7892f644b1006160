namespace AssetService.Core.Assets;

/// <summary>One lifecycle transition between adjacent states, named as its action route.</summary>
public sealed record LifecycleAction(string Name, string From, string To);

public static class Lifecycle
{
    public const string Draft = "DRAFT";
    public const string Commissioning = "COMMISSIONING";
    public const string Live = "LIVE";
    public const string Suspended = "SUSPENDED";
    public const string Decommissioned = "DECOMMISSIONED";

    public static readonly LifecycleAction Commission = new("commission", Draft, Commissioning);
    public static readonly LifecycleAction GoLive = new("go-live", Commissioning, Live);
    public static readonly LifecycleAction Suspend = new("suspend", Live, Suspended);
    public static readonly LifecycleAction Resume = new("resume", Suspended, Live);
    public static readonly LifecycleAction Decommission = new("decommission", Live, Decommissioned);

    public static IReadOnlyList<LifecycleAction> Actions { get; } = [Commission, GoLive, Suspend, Resume, Decommission];

    /// <summary>Only drafts and decommissioned assets may be deleted.</summary>
    public static IReadOnlyList<string> Deletable { get; } = [Draft, Decommissioned];

    public static bool AllowsDelete(string lifecycle) => Deletable.Contains(lifecycle);

    public static bool Allows(string from, string to) => Actions.Any(a => a.From == from && a.To == to);
}
