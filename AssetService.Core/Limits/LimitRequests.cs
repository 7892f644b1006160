using System.Text.Json;
using System.Text.RegularExpressions;
using AssetService.Core.Common;
using Microsoft.AspNetCore.Http;

namespace AssetService.Core.Limits;

/// <summary>
/// One PATCH entry: a UTC time-of-day window repeated on every day of [valid_from, valid_until].
/// Times of day are minutes after UTC midnight; <see cref="EndMinute"/> 1440 is the next midnight.
/// </summary>
public sealed record LimitEntry(
    int Position,
    string AssetId,
    string Source,
    int StartMinute,
    int EndMinute,
    DateOnly ValidFrom,
    DateOnly ValidUntil,
    decimal? PowerCharge,
    decimal? PowerDischarge,
    decimal? EnergyLow,
    decimal? EnergyHigh,
    bool? TradingLocked)
{
    public const int MaxDaySpan = 366;

    public int Days => ValidUntil.DayNumber - ValidFrom.DayNumber + 1;
    public int SlotsPerDay => (EndMinute - StartMinute) / 15;
    public long RowCount => (long)Days * SlotsPerDay;

    public DateTime LastSlotEnd => ValidUntil.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddMinutes(EndMinute);

    /// <summary>The start of every slot the entry writes, in time order.</summary>
    public IEnumerable<DateTime> SlotStarts()
    {
        for (var day = ValidFrom; day <= ValidUntil; day = day.AddDays(1))
        {
            var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            for (var minute = StartMinute; minute < EndMinute; minute += 15) yield return midnight.AddMinutes(minute);
        }
    }
}

public sealed record UpsertLimitsRequest(IReadOnlyList<LimitEntry> Limits)
{
    public const int MaxRows = 100_000;

    public static readonly ObjectShape<LimitEntry> Entry = new("LimitEntry",
        "A daily window over a range of days; expands to one row per 15-minute slot per day. At least one of the five values must be non-null.",
        BindEntry);

    public static readonly ObjectShape<UpsertLimitsRequest> Shape = new("UpsertLimitsRequest",
        "Limit entries, all or nothing; at most 100,000 rows after expansion.", o =>
    {
        var entries = o.Required("limits", PeriodFields.Batch(Entry));
        // An entry that failed to bind is missing here, so these checks see only well-formed entries.
        var valid = entries ?? [];
        var rows = valid.Sum(e => e.RowCount);
        if (rows > MaxRows)
            o.Problems.Add("value_error", o.Loc["limits"],
                $"The entries expand to {rows} fifteen-minute rows; at most {MaxRows} are allowed per request");
        else
            LimitExpansion.CheckUniqueSlots(valid, o.Loc["limits"], o.Problems);
        return new UpsertLimitsRequest(valid);
    });

    public static UpsertLimitsRequest Bind(JsonElement body) => Shape.Bind(body);

    private static LimitEntry BindEntry(JsonObject o)
    {
        PeriodFields.ForbidDeliveryDay(o);
        var (assetId, source) = (o.Required("asset_id", PeriodFields.AssetId), o.Required("source", Fields.OneOf(LimitSources.All)));
        var start = o.Required("start_time", TimeOfDay.Start.Doc("UTC time of day `HH:MM` on a quarter hour where the daily window starts.", "06:00"));
        var end = o.Required("end_time", TimeOfDay.End.Doc(
            "UTC time of day `HH:MM` where the daily window ends; `00:00` and `24:00` mean midnight. A window crossing midnight is a 422.", "22:00"));
        var validFrom = o.Required("valid_from", Fields.Date.Doc("First UTC day (inclusive)."));
        var validUntil = o.Required("valid_until", Fields.Date.Doc($"Last UTC day (inclusive), at most {LimitEntry.MaxDaySpan} days after `valid_from`."));
        var problemsBeforeValues = o.Problems.Count;
        var entry = new LimitEntry(PeriodFields.Position(o), assetId, source, start, end, validFrom, validUntil,
            o.Nullable("power_charge", Fields.Number("MW", max: 0).Doc("MW, <= 0. Null or absent keeps the stored value.")),
            o.Nullable("power_discharge", Fields.Number("MW", min: 0).Doc("MW, >= 0. Null or absent keeps the stored value.")),
            o.Nullable("energy_low", Fields.Number("MWh", min: 0).Doc("MWh, >= 0; <= `energy_high` when both are given. Null or absent keeps the stored value.")),
            o.Nullable("energy_high", Fields.Number("MWh", min: 0).Doc("MWh, >= 0. Null or absent keeps the stored value.")),
            o.Nullable("trading_locked", Fields.Bool.Doc("`true` locks trading, `false` clears a lock, null or absent keeps it.")));

        // A value that failed to parse reads as null here; it was reported already.
        if (entry is { PowerCharge: null, PowerDischarge: null, EnergyLow: null, EnergyHigh: null, TradingLocked: null } &&
            o.Problems.Count == problemsBeforeValues)
            o.Problems.Add("value_error", o.Loc,
                "At least one of power_charge, power_discharge, energy_low, energy_high or trading_locked must be given");
        if (entry is { EnergyLow: { } low, EnergyHigh: { } high } && low > high)
            o.Problems.Add("value_error", o.Loc["energy_low"], "energy_low must be less than or equal to energy_high");
        if (entry.EndMinute > 0 && entry.EndMinute <= entry.StartMinute)
            o.Problems.Add("value_error", o.Loc["end_time"],
                "end_time must be after start_time on the same UTC day (00:00 or 24:00 = midnight); windows may not cross midnight");
        if (entry.ValidFrom != default && entry.ValidUntil != default)
        {
            if (entry.ValidUntil < entry.ValidFrom)
                o.Problems.Add("value_error", o.Loc["valid_until"], "valid_until must be on or after valid_from");
            else if (entry.ValidUntil.DayNumber - entry.ValidFrom.DayNumber > LimitEntry.MaxDaySpan)
                o.Problems.Add("value_error", o.Loc["valid_until"], $"valid_from and valid_until may be at most {LimitEntry.MaxDaySpan} days apart");
            else if (entry.EndMinute > entry.StartMinute && entry.LastSlotEnd > SupportedRange.MaxInstant)
                o.Problems.Add("value_error", o.Loc["valid_until"],
                    $"The slots of valid_until {entry.ValidUntil:yyyy-MM-dd} end after {Timestamps.Format(SupportedRange.MaxInstant)}; " +
                    $"every slot must lie in the supported range, {SupportedRange.Instants}");
        }
        return entry;
    }
}

/// <summary>UTC times of day <c>HH:MM</c> (optionally <c>:00</c> seconds) on a quarter hour, read as minutes after midnight.</summary>
public static partial class TimeOfDay
{
    [GeneratedRegex(@"^(\d{2}):(\d{2})(:00)?$")]
    private static partial Regex Pattern();

    // Seconds ":00" are accepted as pydantic does; the document shows the form clients should send.
    private static readonly FieldSchema Schema = FieldSchema.Inline("""{"type": "string", "pattern": "^(([01][0-9]|2[0-3]):(00|15|30|45)|24:00)$"}""");

    /// <summary>00:00 .. 23:45.</summary>
    public static readonly FieldParser<int> Start = Parser(allowMidnightEnd: false);

    /// <summary>00:15 .. 24:00; 00:00 also means the midnight that ends the day.</summary>
    public static readonly FieldParser<int> End = Parser(allowMidnightEnd: true);

    private static FieldParser<int> Parser(bool allowMidnightEnd) => new(
        Schema,
        (JsonElement value, Loc loc, Problems problems, out int minutes) =>
        {
            minutes = -1;
            var match = value.ValueKind == JsonValueKind.String ? Pattern().Match(value.GetString()!) : Match.Empty;
            if (!match.Success)
            {
                problems.Add("time_parsing", loc, "Input should be a UTC time of day in the format HH:MM");
                return false;
            }
            var (hour, minute) = (int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value));
            var total = hour * 60 + minute;
            if (minute > 59 || total > 1440 || (total == 1440 && !allowMidnightEnd))
            {
                problems.Add("time_parsing", loc, allowMidnightEnd
                    ? "Input should be a time of day from 00:00 to 24:00"
                    : "Input should be a time of day from 00:00 to 23:45");
                return false;
            }
            if (minute % 15 != 0)
            {
                problems.Add("value_error", loc, "Time of day must be on a quarter hour (:00, :15, :30 or :45)");
                return false;
            }
            minutes = allowMidnightEnd && total == 0 ? 1440 : total;
            return true;
        });
}

public sealed record LimitsQuery(IReadOnlyList<string> AssetIds, DateTime From, DateTime To, IReadOnlyList<string>? Sources, Page Page)
{
    public static readonly QueryShape<LimitsQuery> Shape = new(["GetLimits"], q =>
    {
        var assetIds = q.List("asset_ids", required: true, doc: ParameterDocs.AssetIds) ?? [];
        var (from, to) = (q.Timestamp("from", required: true, doc: ParameterDocs.WindowFrom), q.Timestamp("to", required: true, doc: ParameterDocs.WindowTo));
        q.Window(from, to);
        return new LimitsQuery(assetIds, from ?? default, to ?? default, q.List("sources", vocabulary: LimitSources.All,
            doc: "Only these sources (`LimitSource` values): repeat the parameter (`sources=REPORTED&sources=PV`), separate them with commas " +
                "(`sources=REPORTED,PV`), or both."), q.Page());
    });

    public static LimitsQuery Bind(IQueryCollection query) => Shape.Bind(query);
}

public sealed record DeleteLimitsQuery(string AssetId, DateTime StartTime, DateTime EndTime, string Source)
{
    public static readonly QueryShape<DeleteLimitsQuery> Shape = new(["DeleteLimits"], q =>
    {
        var assetId = q.String("asset_id", required: true, doc: "The asset.") ?? "";
        var (start, end) = (q.Timestamp("start_time", required: true, doc: "Start of the range (inclusive)."),
            q.Timestamp("end_time", required: true, doc: "End of the range (exclusive)."));
        q.Window(start, end, fromName: "start_time", toName: "end_time");
        return new DeleteLimitsQuery(assetId, start ?? default, end ?? default,
            q.OneOf("source", LimitSources.All, required: true, doc: "The source whose values are cleared.") ?? "");
    });

    public static DeleteLimitsQuery Bind(IQueryCollection query) => Shape.Bind(query);
}
