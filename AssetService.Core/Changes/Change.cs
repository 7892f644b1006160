using AssetService.Core.Common;
using Microsoft.AspNetCore.Http;

namespace AssetService.Core.Changes;

/// <summary>One committed write for one asset or site (contract 6.2).</summary>
public sealed record Change(
    string Cursor,
    DateTime ChangedAt,
    string ChangedBy,
    string Entity,
    string Operation,
    string? AssetId,
    string? SiteId,
    DateTime? From,
    DateTime? To,
    int Rows);

/// <summary><c>{"changes": [...], "next": "..."}</c>: a client loops on <c>after=next</c>.</summary>
public sealed record ChangeList(IReadOnlyList<Change> Changes, string Next);

public sealed record ChangesQuery(ChangeCursor After, int Limit, IReadOnlyList<string>? Entities, IReadOnlyList<string>? AssetIds)
{
    public const int DefaultLimit = 100;

    public static readonly Vocabulary Entity = new("assets", "specs", "limits", "forecasts", "reservations", "state_snapshots",
        "status", "dispatches", "sites", "inverters", "site_limits", "inverter_limits")
    {
        Component = "ChangeEntity", Description = "What a change is about: the feed's name for a kind of record.",
        ListComponent = "ChangeEntityList", ListExample = "limits,forecasts",
    };

    public static ChangesQuery Bind(IQueryCollection query) => QueryReader.Bind(query, reader =>
    {
        var after = ChangeCursor.Start;
        if (reader.String("after") is { } text && !ChangeCursor.TryParse(text, out after))
            reader.Problems.Add("value_error", Loc.Query["after"], "'after' is not a cursor this service issued");
        return new ChangesQuery(after, reader.Int("limit", DefaultLimit, 1, Page.MaxLimit),
            reader.List("entities", vocabulary: Entity), reader.List("asset_ids"));
    });
}
