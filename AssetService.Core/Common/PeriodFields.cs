using System.Text.Json;

namespace AssetService.Core.Common;

/// <summary>Fields shared by the per-asset period data (limits, forecasts, reservations, snapshots).</summary>
public static class PeriodFields
{
    /// <summary>An asset id as a reference; whether it exists is checked against the database.</summary>
    public static readonly FieldParser<string> AssetId = Fields.String(1, 100)
        .Named("AssetId", "`{region}_{delivery_area}_{code}_{n}`, given by the service.", "DE_50HZ_WU_1");

    /// <summary>Clients never send delivery_day: the server derives it from start_time and the asset's region.</summary>
    public static void ForbidDeliveryDay(JsonObject row) =>
        row.Forbidden("delivery_day", "delivery_day is derived by the server from start_time and the asset's region; do not send it");

    /// <summary>
    /// A batch of entries: like <see cref="Fields.List{T}"/>, but it keeps the entries that bound even when
    /// others did not, so that batch-wide checks (duplicate keys) still run and one 422 lists everything.
    /// </summary>
    public static FieldParser<IReadOnlyList<T>> Batch<T>(ObjectShape<T> entry, int maxItems = int.MaxValue)
    {
        var list = Fields.List(entry.Parser, 1, maxItems);
        return new(list.Schema, (JsonElement value, Loc loc, Problems problems, out IReadOnlyList<T> result) =>
        {
            list.Parse(value, loc, problems, out result);
            return true;
        });
    }

    /// <summary>The position of an item bound by <see cref="Fields.Object{T}"/> inside its list.</summary>
    public static int Position(JsonObject row) => (int)row.Loc.Parts[^1];
}
