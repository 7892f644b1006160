using AssetService.Core.Assets;
using AssetService.Core.Common;

namespace AssetService.Tests.Assets;

public sealed class LifecycleTests
{
    private static readonly HashSet<(string, string)> Allowed =
    [
        ("DRAFT", "COMMISSIONING"), ("COMMISSIONING", "LIVE"), ("LIVE", "SUSPENDED"), ("SUSPENDED", "LIVE"), ("LIVE", "DECOMMISSIONED"),
    ];

    public static TheoryData<string, string> EveryPair()
    {
        var data = new TheoryData<string, string>();
        foreach (var from in Vocabularies.Lifecycle.Values)
            foreach (var to in Vocabularies.Lifecycle.Values)
                data.Add(from, to);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Only_the_five_adjacent_transitions_are_allowed(string from, string to) =>
        Assert.Equal(Allowed.Contains((from, to)), Lifecycle.Allows(from, to));

    [Theory]
    [InlineData("DRAFT", true)]
    [InlineData("COMMISSIONING", false)]
    [InlineData("LIVE", false)]
    [InlineData("SUSPENDED", false)]
    [InlineData("DECOMMISSIONED", true)]
    public void Only_draft_and_decommissioned_assets_may_be_deleted(string lifecycle, bool allowed) =>
        Assert.Equal(allowed, Lifecycle.AllowsDelete(lifecycle));

    [Fact]
    public void Action_names_match_their_routes() =>
        Assert.Equal(["commission", "go-live", "suspend", "resume", "decommission"], Lifecycle.Actions.Select(a => a.Name));
}
