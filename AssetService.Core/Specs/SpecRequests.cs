using System.Text.Json;
using AssetService.Core.Common;
using AssetService.Core.Units;
using Microsoft.AspNetCore.Http;

namespace AssetService.Core.Specs;

/// <summary>
/// The body of PUT /specs. Every value field is absent (keep), null (clear) or a value, in its canonical
/// unit; on a new version absent and null both mean no value.
/// </summary>
public sealed record SpecPut(string AssetId, DateTime ValidFrom, Optional<DateTime> ValidTo, IReadOnlyList<SpecField> Fields)
{
    /// <summary>Column names are fixed here, never taken from the request.</summary>
    public static readonly string[] ValueColumns =
    [
        "rated_power", "grid_connection_max_power", "max_capacity", "ramp_rate", "ramp_type", "charge_efficiency",
        "discharge_efficiency", "daily_cycle_energy_limit", "prequalified_fcr", "prequalified_afrr_charge", "prequalified_afrr_discharge",
    ];

    public bool OpenEnded => !ValidTo.IsPresent || ValidTo.IsNull;

    public static readonly ObjectShape<SpecPut> Shape = new("UpsertSpecRequest",
        "A spec version. On an existing (asset_id, valid_from) only the fields present change and `null` clears; a new version takes absent fields as null.", o =>
    {
        var assetId = o.Required("asset_id", Common.Fields.String(1, 200).Doc("The asset the version belongs to."));
        var validFrom = o.Required("valid_from", Common.Fields.Timestamp.Doc("Start of this version (inclusive)."));
        var validTo = o.Optional("valid_to", Common.Fields.Timestamp.Doc("End (exclusive); null or absent: open-ended."));
        var power = QuantityFields.Power();
        var energy = QuantityFields.Energy();
        SpecField[] fields =
        [
            SpecField.Of("rated_power", o.Optional("rated_power", power.Doc("Rated power."))),
            SpecField.Of("grid_connection_max_power", o.Optional("grid_connection_max_power", power.Doc("Grid connection limit."))),
            SpecField.Of("max_capacity", o.Optional("max_capacity", energy.Doc("Usable energy capacity."))),
            SpecField.Of("ramp_rate", o.Optional("ramp_rate", Decimals.RampRate.Doc("MW per minute, > 0."))),
            SpecField.Of("ramp_type", o.Optional("ramp_type", Common.Fields.String(1, 100, trim: true).Doc(
                "Free text (1..100 characters after trimming), e.g. `LINEAR`."))),
            SpecField.Of("charge_efficiency", o.Optional("charge_efficiency", Decimals.Efficiency.Doc("In (0, 1]."))),
            SpecField.Of("discharge_efficiency", o.Optional("discharge_efficiency", Decimals.Efficiency.Doc("In (0, 1]."))),
            SpecField.Of("daily_cycle_energy_limit", o.Optional("daily_cycle_energy_limit", energy.Doc("Energy that may be cycled per day."))),
            SpecField.Of("prequalified_fcr", o.Optional("prequalified_fcr", power.Doc("Prequalified FCR power."))),
            SpecField.Of("prequalified_afrr_charge", o.Optional("prequalified_afrr_charge", power.Doc("Prequalified aFRR power, charging direction."))),
            SpecField.Of("prequalified_afrr_discharge", o.Optional("prequalified_afrr_discharge", power.Doc(
                "Prequalified aFRR power, discharging direction."))),
        ];
        o.Forbidden("created_at", "created_at is set by the server");
        o.Forbidden("updated_at", "updated_at is set by the server");
        if (validFrom != default && validTo is { IsPresent: true, IsNull: false } && validTo.Value <= validFrom)
            o.Problems.Add("value_error", o.Loc["valid_to"], "valid_to must be after valid_from");
        return new SpecPut(assetId, validFrom, validTo, fields);
    });

    public static SpecPut Bind(JsonElement body) => Shape.Bind(body);
}

/// <summary>One value column of a spec write: whether the request set it, and to what (null clears).</summary>
public sealed record SpecField(string Column, bool IsSet, object? Value)
{
    public static SpecField Of(string column, Optional<Quantity> field) => new(column, field.IsPresent, field.IsNull ? null : field.Value?.Value);
    public static SpecField Of(string column, Optional<decimal> field) => new(column, field.IsPresent, field.IsNull || !field.IsPresent ? null : field.Value);
    public static SpecField Of(string column, Optional<string> field) => new(column, field.IsPresent, field.IsNull ? null : field.Value);
}

/// <summary>GET /specs: <c>from</c>/<c>to</c> bound valid_from inclusively, come together and span at most 31 days.</summary>
public sealed record SpecQuery(IReadOnlyList<string> AssetIds, bool Latest, DateTime? From, DateTime? To, Page Page)
{
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(31);

    public static readonly QueryShape<SpecQuery> Shape = new(["GetSpecs"], q =>
    {
        var assetIds = q.List("asset_ids", required: true, doc: ParameterDocs.AssetIds);
        var latest = q.Bool("latest", doc: ParameterDocs.Latest);
        var from = q.Timestamp("from", doc: "Lowest `valid_from` (inclusive); only together with `to`.");
        var to = q.Timestamp("to", doc: "Highest `valid_from` (inclusive); only together with `from`, at most 31 days after it.");
        var page = q.Page();
        if (q.Has("from") != q.Has("to"))
        {
            var missing = q.Has("from") ? "to" : "from";
            q.Problems.Add("missing", Loc.Query[missing], "'from' and 'to' come together: give both or neither");
        }
        else if (from is { } f && to is { } t)
        {
            if (t < f) q.Problems.Add("value_error", Loc.Query["to"], "'to' must not be before 'from'");
            else if (t - f > MaxWindow) q.Problems.Add("value_error", Loc.Query["to"], "The window from 'from' to 'to' may span at most 31 days");
        }
        return new SpecQuery(assetIds ?? [], latest, from, to, page);
    });

    public static SpecQuery Bind(IQueryCollection query) => Shape.Bind(query);
}
