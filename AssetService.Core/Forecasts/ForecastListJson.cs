using System.Text.Json;
using AssetService.Core.Common;
using static AssetService.Core.Common.WireJson;
using Npgsql;

namespace AssetService.Core.Forecasts;

/// <summary>
/// Writes a page of forecasts (<see cref="ForecastList"/>) straight from the rows of <see cref="ForecastsService"/>'s
/// range read, like the limits page (<see cref="Limits.LimitListJson"/>): no record per row, one pooled buffer.
/// Field names come from the records and each column is found by that name; <c>ForecastListJsonTests</c>
/// holds the output equal to the serializer's for the same records.
/// </summary>
public static class ForecastListJson
{
    private static readonly JsonEncodedText Limit = Name<ForecastList>(nameof(ForecastList.Limit));
    private static readonly JsonEncodedText Offset = Name<ForecastList>(nameof(ForecastList.Offset));
    private static readonly JsonEncodedText Forecasts = Name<ForecastList>(nameof(ForecastList.Forecasts));
    private static readonly JsonEncodedText AssetId = Name<Forecast>(nameof(Forecast.AssetId));
    private static readonly JsonEncodedText StartTime = Name<Forecast>(nameof(Forecast.StartTime));
    private static readonly JsonEncodedText EndTime = Name<Forecast>(nameof(Forecast.EndTime));
    private static readonly JsonEncodedText DeliveryDay = Name<Forecast>(nameof(Forecast.DeliveryDay));
    private static readonly JsonEncodedText Generation = Name<Forecast>(nameof(Forecast.Generation));
    private static readonly JsonEncodedText Consumption = Name<Forecast>(nameof(Forecast.Consumption));
    private static readonly JsonEncodedText CreatedAt = Name<Forecast>(nameof(Forecast.CreatedAt));
    private static readonly JsonEncodedText UpdatedAt = Name<Forecast>(nameof(Forecast.UpdatedAt));

    public static async Task<JsonBuffer> WriteAsync(NpgsqlDataReader rows, int limit, int offset, CancellationToken ct)
    {
        var output = new JsonBuffer();
        try
        {
            await using var writer = new Utf8JsonWriter(output);
            writer.WriteStartObject();
            writer.WriteNumber(Limit, limit);
            writer.WriteNumber(Offset, offset);
            writer.WriteStartArray(Forecasts);
            var columns = RowColumns.Of(rows);
            while (await rows.ReadAsync(ct)) WriteRow(writer, rows, columns);
            writer.WriteEndArray();
            writer.WriteEndObject();
            await writer.FlushAsync(ct);
            return output;
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    private static void WriteRow(Utf8JsonWriter writer, NpgsqlDataReader row, RowColumns c)
    {
        writer.WriteStartObject();
        writer.WriteString(AssetId, row.GetString(c.AssetId));
        writer.WriteString(StartTime, Timestamps.Wire(row.GetDateTime(c.StartTime)));
        writer.WriteString(EndTime, Timestamps.Wire(row.GetDateTime(c.EndTime)));
        writer.WriteDate(DeliveryDay, row.GetFieldValue<DateOnly>(c.DeliveryDay));
        writer.WriteNumber(Generation, row.GetDecimal(c.Generation));
        writer.WriteNumber(Consumption, row.GetDecimal(c.Consumption));
        writer.WriteString(CreatedAt, Timestamps.Wire(row.GetDateTime(c.CreatedAt)));
        writer.WriteString(UpdatedAt, Timestamps.Wire(row.GetDateTime(c.UpdatedAt)));
        writer.WriteEndObject();
    }

    /// <summary>Each field's column in the rows, found once per page by the field's name.</summary>
    private readonly record struct RowColumns(int AssetId, int StartTime, int EndTime, int DeliveryDay, int Generation, int Consumption, int CreatedAt, int UpdatedAt)
    {
        public static RowColumns Of(NpgsqlDataReader rows)
        {
            int At(JsonEncodedText name) => rows.GetOrdinal(name.Value);
            return new(At(ForecastListJson.AssetId), At(ForecastListJson.StartTime), At(ForecastListJson.EndTime), At(ForecastListJson.DeliveryDay), At(ForecastListJson.Generation), At(ForecastListJson.Consumption), At(ForecastListJson.CreatedAt), At(ForecastListJson.UpdatedAt));
        }
    }
}
