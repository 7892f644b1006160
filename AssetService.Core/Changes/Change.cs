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
    int Rows)
{
    public static readonly ResponseShape Shape = new(typeof(Change), "Change", "One committed write for one asset or site.")
    {
        [nameof(Cursor)] = Wire.Text.Described("Opaque; `after=cursor` continues after this change."),
        [nameof(ChangedAt)] = Fields.Timestamp.Schema
            .Described("The write's `updated_at`; for a removal or an ingested status the time of the write."),
        [nameof(ChangedBy)] = Wire.Text
            .Described("Who wrote it: the bearer token's `oid` (else its `sub`), `function-key` for the key, or `service-bus` for ingested messages."),
        [nameof(Entity)] = Fields.OneOf(ChangesQuery.Entity).Schema,
        [nameof(Operation)] = Fields.OneOf(new Vocabulary("created", "updated", "deleted")).Schema
            .Described("`created`: a new asset, site, inverter or spec version; `deleted`: a DELETE or a limits clear; `updated`: any other write."),
        [nameof(AssetId)] = Wire.Text.Described("The asset (null for sites, inverters, site and inverter limits)."),
        [nameof(SiteId)] = Wire.Text.Described("The site (null for asset data)."),
        [nameof(From)] = Wire.UtcTimestamp
            .Described("Period data and dispatches: earliest start_time written; status and state snapshots: earliest effective_at; null for master data and specs."),
        [nameof(To)] = Wire.UtcTimestamp
            .Described("Period data and dispatches: latest end_time written (exclusive); status and state snapshots: latest effective_at; null for master data and specs."),
        [nameof(Rows)] = Wire.Integer(1)
            .Described("Rows written or removed for this asset or site; 1 for master data; for specs the versions written, counting a version closed by the new one."),
    };
}

/// <summary><c>{"changes": [...], "next": "..."}</c>: a client loops on <c>after=next</c>.</summary>
public sealed record ChangeList(IReadOnlyList<Change> Changes, string Next)
{
    public static readonly ResponseShape Shape = new(typeof(ChangeList), "ChangeListResponse",
        "A page of the change feed, oldest first; a client loops on `after=next`.")
    {
        [nameof(Next)] = Wire.Text.Described("The cursor of the last change returned, or `after` itself when there is nothing new."),
    };
}

public sealed record ChangesQuery(ChangeCursor After, int Limit, IReadOnlyList<string>? Entities, IReadOnlyList<string>? AssetIds)
{
    public const int DefaultLimit = 100;

    public static readonly Vocabulary Entity = new("assets", "specs", "limits", "forecasts", "reservations", "state_snapshots",
        "status", "dispatches", "sites", "inverters", "site_limits", "inverter_limits")
    {
        Component = "ChangeEntity", Description = "What a change is about: the feed's name for a kind of record.",
        ListComponent = "ChangeEntityList", ListExample = "limits,forecasts",
    };

    public static readonly QueryShape<ChangesQuery> Shape = new(["ListChanges"], reader =>
    {
        var after = ChangeCursor.Start;
        if (reader.String("after", doc: new("A cursor from an earlier answer (`next` or a change's `cursor`). Omitted: from the oldest change kept.",
                "AAAAAAAAA0kAAAAAAAAABw")) is { } text && !ChangeCursor.TryParse(text, out after))
            reader.Problems.Add("value_error", Loc.Query["after"], "'after' is not a cursor this service issued");
        return new ChangesQuery(after, reader.Int("limit", DefaultLimit, 1, Page.MaxLimit, doc: $"Page size, 1..{Page.MaxLimit}."),
            reader.List("entities", vocabulary: Entity, doc: "Only these entities; repeated or comma-separated."),
            reader.List("asset_ids", doc: "Only changes of these assets; repeat the parameter (`asset_ids=A&asset_ids=B`), separate them with commas " +
                "(`asset_ids=A,B`), or both. Omitted: the changes of every asset and site. An unknown id matches nothing."));
    });

    public static ChangesQuery Bind(IQueryCollection query) => Shape.Bind(query);
}
