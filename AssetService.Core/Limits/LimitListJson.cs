using System.Text.Json;
using AssetService.Core.Common;
using Npgsql;

namespace AssetService.Core.Limits;

/// <summary>
/// Writes a page of limit slots straight from the rows of <see cref="LimitsService"/>'s range read, with
/// <see cref="Utf8JsonWriter"/> calls and pre-encoded names, folding the computed block while a slot's
/// sources are written: no object per row or slot. Measured against the records-then-converter path it
/// replaced in bench/RESULTS.md's notes. Field order and formats are the wire format's.
/// </summary>
public sealed class LimitListJson : IDisposable
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

    private readonly Utf8JsonWriter writer;
    private MostRestrictive computed;
    private bool slotOpen;

    public LimitListJson(JsonBuffer output, int limit, int offset)
    {
        writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        writer.WriteNumber(Limit, limit);
        writer.WriteNumber(Offset, offset);
        writer.WriteStartArray(Limits);
    }

    /// <summary>Ends the slot written so far (with its computed block) and starts the slot of the current row.</summary>
    public void StartSlot(NpgsqlDataReader row, string assetId, DateTime start)
    {
        EndSlot();
        writer.WriteStartObject();
        writer.WriteString(AssetId, assetId);
        writer.WriteString(StartTime, Timestamps.Wire(start));
        writer.WriteString(EndTime, Timestamps.Wire(row.GetDateTime(2)));
        writer.WriteDate(DeliveryDay, row.GetFieldValue<DateOnly>(3));
        writer.WriteStartArray(Sources);
        computed = default;
        slotOpen = true;
    }

    /// <summary>One source's row of the open slot, folded into its computed block.</summary>
    public void WriteSource(NpgsqlDataReader row)
    {
        writer.WriteStartObject();
        writer.WriteString(Source, row.GetString(4));
        var (charge, discharge, low, high) = (Decimal(row, 5), Decimal(row, 6), Decimal(row, 7), Decimal(row, 8));
        bool? locked = row.IsDBNull(9) ? null : row.GetBoolean(9);
        WriteNumber(PowerCharge, charge);
        WriteNumber(PowerDischarge, discharge);
        WriteNumber(EnergyLow, low);
        WriteNumber(EnergyHigh, high);
        if (locked is { } value) writer.WriteBoolean(TradingLocked, value);
        else writer.WriteNull(TradingLocked);
        writer.WriteString(UpdatedAt, Timestamps.Wire(row.GetDateTime(10)));
        writer.WriteEndObject();
        computed.Add(charge, discharge, low, high, locked);
    }

    /// <summary>Ends the last slot and the page.</summary>
    public void Complete()
    {
        EndSlot();
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
    }

    public void Dispose() => writer.Dispose();

    private void EndSlot()
    {
        if (!slotOpen) return;
        writer.WriteEndArray();
        writer.WriteStartObject(Computed);
        WriteNumber(PowerCharge, computed.PowerCharge);
        WriteNumber(PowerDischarge, computed.PowerDischarge);
        WriteNumber(EnergyLow, computed.EnergyLow);
        WriteNumber(EnergyHigh, computed.EnergyHigh);
        writer.WriteBoolean(TradingLocked, computed.TradingLocked);
        writer.WriteEndObject();
        writer.WriteEndObject();
        slotOpen = false;
    }

    private void WriteNumber(JsonEncodedText name, decimal? value)
    {
        if (value is { } number) writer.WriteNumber(name, number);
        else writer.WriteNull(name);
    }

    private static decimal? Decimal(NpgsqlDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetDecimal(ordinal);

    /// <summary>The contract's computed block: power_charge max, power_discharge min, energy_low max, energy_high min, any lock; nulls ignored.</summary>
    private struct MostRestrictive
    {
        public decimal? PowerCharge, PowerDischarge, EnergyLow, EnergyHigh;
        public bool TradingLocked;

        public void Add(decimal? charge, decimal? discharge, decimal? low, decimal? high, bool? locked)
        {
            if (charge is { } c && (PowerCharge is null || c > PowerCharge)) PowerCharge = c;
            if (discharge is { } d && (PowerDischarge is null || d < PowerDischarge)) PowerDischarge = d;
            if (low is { } l && (EnergyLow is null || l > EnergyLow)) EnergyLow = l;
            if (high is { } h && (EnergyHigh is null || h < EnergyHigh)) EnergyHigh = h;
            TradingLocked |= locked == true;
        }
    }
}
