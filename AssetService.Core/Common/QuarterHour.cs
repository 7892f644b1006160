namespace AssetService.Core.Common;

/// <summary>Period data is one 15-minute slot per row: start on :00/:15/:30/:45 with zero seconds, end 15 minutes later.</summary>
public static class QuarterHour
{
    public static readonly TimeSpan Length = TimeSpan.FromMinutes(15);

    public static bool IsStart(DateTime utc) => utc.Ticks % Length.Ticks == 0;

    /// <summary>Reads <c>start_time</c> and <c>end_time</c> of a period row and checks that they form one slot.</summary>
    public static DateTime ReadSlot(JsonObject row)
    {
        var start = row.Required("start_time", Fields.Timestamp.Doc("Slot start, on a quarter hour."));
        var end = row.Required("end_time", Fields.Timestamp.Doc("`start_time` + 15 minutes."));
        if (start == default || end == default) return start;
        if (!IsStart(start))
            row.Problems.Add("value_error", row.Loc["start_time"], "start_time must be on a quarter hour (:00, :15, :30 or :45) with zero seconds");
        else if (end != start + Length)
            row.Problems.Add("value_error", row.Loc["end_time"], "end_time must be start_time + 15 minutes");
        return start;
    }
}
