using System.Text.Json;
using AssetService.Core.Common;
using Npgsql;

namespace AssetService.Core.Forecasts;

/// <summary>
/// Writes a page of forecasts straight from the rows of <see cref="ForecastsService"/>'s range read, like
/// the limits page (<see cref="Limits.LimitListJson"/>): no record per row, one pooled buffer. The columns
/// are read in <see cref="ForecastsService"/>'s column order; field order and formats are the wire format's.
/// </summary>
public static class ForecastListJson
{
    private static readonly JsonEncodedText Limit = JsonEncodedText.Encode("limit");
    private static readonly JsonEncodedText Offset = JsonEncodedText.Encode("offset");
    private static readonly JsonEncodedText Forecasts = JsonEncodedText.Encode("forecasts");
    private static readonly JsonEncodedText AssetId = JsonEncodedText.Encode("asset_id");
    private static readonly JsonEncodedText StartTime = JsonEncodedText.Encode("start_time");
    private static readonly JsonEncodedText EndTime = JsonEncodedText.Encode("end_time");
    private static readonly JsonEncodedText DeliveryDay = JsonEncodedText.Encode("delivery_day");
    private static readonly JsonEncodedText Generation = JsonEncodedText.Encode("generation");
    private static readonly JsonEncodedText Consumption = JsonEncodedText.Encode("consumption");
    private static readonly JsonEncodedText CreatedAt = JsonEncodedText.Encode("created_at");
    private static readonly JsonEncodedText UpdatedAt = JsonEncodedText.Encode("updated_at");

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
            while (await rows.ReadAsync(ct)) WriteRow(writer, rows);
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

    private static void WriteRow(Utf8JsonWriter writer, NpgsqlDataReader row)
    {
        writer.WriteStartObject();
        writer.WriteString(AssetId, row.GetString(0));
        writer.WriteString(StartTime, Timestamps.Wire(row.GetDateTime(1)));
        writer.WriteString(EndTime, Timestamps.Wire(row.GetDateTime(2)));
        writer.WriteDate(DeliveryDay, row.GetFieldValue<DateOnly>(3));
        writer.WriteNumber(Generation, row.GetDecimal(4));
        writer.WriteNumber(Consumption, row.GetDecimal(5));
        writer.WriteString(CreatedAt, Timestamps.Wire(row.GetDateTime(6)));
        writer.WriteString(UpdatedAt, Timestamps.Wire(row.GetDateTime(7)));
        writer.WriteEndObject();
    }
}
