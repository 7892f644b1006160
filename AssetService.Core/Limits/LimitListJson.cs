using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AssetService.Core.Limits;

/// <summary>
/// Writes a page of limit slots with <see cref="Utf8JsonWriter"/> calls and pre-encoded names: about
/// half the time of the generated metadata path for a day of slots, the largest response the service
/// sends often (measured in bench/RESULTS.md's notes). Field order and formats are the wire format's.
/// </summary>
public sealed class LimitListJson : JsonConverter<LimitList>
{
    private static readonly JsonEncodedText Limit = JsonEncodedText.Encode("limit");
    private static readonly JsonEncodedText Offset = JsonEncodedText.Encode("offset");
    private static readonly JsonEncodedText Limits = JsonEncodedText.Encode("limits");
    private static readonly JsonEncodedText AssetId = JsonEncodedText.Encode("asset_id");
    private static readonly JsonEncodedText StartTime = JsonEncodedText.Encode("start_time");
    private static readonly JsonEncodedText EndTime = JsonEncodedText.Encode("end_time");
    private static readonly JsonEncodedText DeliveryDay = JsonEncodedText.Encode("delivery_day");
    private static readonly JsonEncodedText Sources = JsonEncodedText.Encode("sources");
    private static readonly JsonEncodedText Source = JsonEncodedText.Encode("source");
    private static readonly JsonEncodedText PowerCharge = JsonEncodedText.Encode("power_charge");
    private static readonly JsonEncodedText PowerDischarge = JsonEncodedText.Encode("power_discharge");
    private static readonly JsonEncodedText EnergyLow = JsonEncodedText.Encode("energy_low");
    private static readonly JsonEncodedText EnergyHigh = JsonEncodedText.Encode("energy_high");
    private static readonly JsonEncodedText TradingLocked = JsonEncodedText.Encode("trading_locked");
    private static readonly JsonEncodedText UpdatedAt = JsonEncodedText.Encode("updated_at");
    private static readonly JsonEncodedText Computed = JsonEncodedText.Encode("computed");

    public override LimitList Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Limit pages are written, never read");

    public override void Write(Utf8JsonWriter writer, LimitList value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber(Limit, value.Limit);
        writer.WriteNumber(Offset, value.Offset);
        writer.WriteStartArray(Limits);
        Span<byte> day = stackalloc byte[10];
        foreach (var slot in value.Limits)
        {
            writer.WriteStartObject();
            writer.WriteString(AssetId, slot.AssetId);
            WriteUtc(writer, StartTime, slot.StartTime);
            WriteUtc(writer, EndTime, slot.EndTime);
            slot.DeliveryDay.TryFormat(day, out var length, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            writer.WriteString(DeliveryDay, day[..length]);
            writer.WriteStartArray(Sources);
            foreach (var source in slot.Sources)
            {
                writer.WriteStartObject();
                writer.WriteString(Source, source.Source);
                WriteNumber(writer, PowerCharge, source.PowerCharge);
                WriteNumber(writer, PowerDischarge, source.PowerDischarge);
                WriteNumber(writer, EnergyLow, source.EnergyLow);
                WriteNumber(writer, EnergyHigh, source.EnergyHigh);
                if (source.TradingLocked is { } locked) writer.WriteBoolean(TradingLocked, locked);
                else writer.WriteNull(TradingLocked);
                WriteUtc(writer, UpdatedAt, source.UpdatedAt);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartObject(Computed);
            WriteNumber(writer, PowerCharge, slot.Computed.PowerCharge);
            WriteNumber(writer, PowerDischarge, slot.Computed.PowerDischarge);
            WriteNumber(writer, EnergyLow, slot.Computed.EnergyLow);
            WriteNumber(writer, EnergyHigh, slot.Computed.EnergyHigh);
            writer.WriteBoolean(TradingLocked, slot.Computed.TradingLocked);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter writer, JsonEncodedText name, decimal? value)
    {
        if (value is { } number) writer.WriteNumber(name, number);
        else writer.WriteNull(name);
    }

    private static void WriteUtc(Utf8JsonWriter writer, JsonEncodedText name, DateTime value) =>
        writer.WriteString(name, Common.Timestamps.Wire(value));
}
