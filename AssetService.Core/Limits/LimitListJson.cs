using System.Text.Json;
using AssetService.Core.Common;
using static AssetService.Core.Common.WireJson;
using Npgsql;

namespace AssetService.Core.Limits;

/// <summary>
/// Writes a page of limit slots (<see cref="LimitList"/>) straight from the rows of <see cref="LimitsService"/>'s
/// range read, with <see cref="Utf8JsonWriter"/> calls and pre-encoded names, folding the computed block while a
/// slot's sources are written: no object per row or slot. Measured against the records-then-converter path it
/// replaced in bench/RESULTS.md's notes. Field names come from the records and each column is found by that
/// name (<see cref="RowColumns"/>); <c>LimitListJsonTests</c> holds the output equal to the serializer's for the same records.
/// </summary>
public sealed class LimitListJson : IDisposable
{
    private static readonly JsonEncodedText Limit = Name<LimitList>(nameof(LimitList.Limit));
    private static readonly JsonEncodedText Offset = Name<LimitList>(nameof(LimitList.Offset));
    private static readonly JsonEncodedText Limits = Name<LimitList>(nameof(LimitList.Limits));
    private static readonly JsonEncodedText AssetId = Name<LimitSlot>(nameof(LimitSlot.AssetId));
    private static readonly JsonEncodedText StartTime = Name<LimitSlot>(nameof(LimitSlot.StartTime));
    private static readonly JsonEncodedText EndTime = Name<LimitSlot>(nameof(LimitSlot.EndTime));
    private static readonly JsonEncodedText DeliveryDay = Name<LimitSlot>(nameof(LimitSlot.DeliveryDay));
    private static readonly JsonEncodedText Sources = Name<LimitSlot>(nameof(LimitSlot.Sources));
    private static readonly JsonEncodedText Computed = Name<LimitSlot>(nameof(LimitSlot.Computed));
    private static readonly JsonEncodedText Source = Name<SourceLimits>(nameof(SourceLimits.Source));
    private static readonly JsonEncodedText PowerCharge = Name<SourceLimits>(nameof(SourceLimits.PowerCharge));
    private static readonly JsonEncodedText PowerDischarge = Name<SourceLimits>(nameof(SourceLimits.PowerDischarge));
    private static readonly JsonEncodedText EnergyLow = Name<SourceLimits>(nameof(SourceLimits.EnergyLow));
    private static readonly JsonEncodedText EnergyHigh = Name<SourceLimits>(nameof(SourceLimits.EnergyHigh));
    private static readonly JsonEncodedText TradingLocked = Name<SourceLimits>(nameof(SourceLimits.TradingLocked));
    private static readonly JsonEncodedText UpdatedAt = Name<SourceLimits>(nameof(SourceLimits.UpdatedAt));
    // ComputedLimits repeats SourceLimits' names for its five fields; LimitListJsonTests holds them equal.

    private readonly Utf8JsonWriter writer;
    private MostRestrictive computed;
    private bool slotOpen;

    public LimitListJson(JsonBuffer output, NpgsqlDataReader rows, int limit, int offset)
    {
        Columns = RowColumns.Of(rows);
        writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        writer.WriteNumber(Limit, limit);
        writer.WriteNumber(Offset, offset);
        writer.WriteStartArray(Limits);
    }

    /// <summary>The rows' columns, by field name.</summary>
    public RowColumns Columns { get; }

    /// <summary>Ends the slot written so far (with its computed block) and starts the slot of the current row.</summary>
    public void StartSlot(NpgsqlDataReader row, string assetId, DateTime start)
    {
        EndSlot();
        writer.WriteStartObject();
        writer.WriteString(AssetId, assetId);
        writer.WriteString(StartTime, Timestamps.Wire(start));
        writer.WriteString(EndTime, Timestamps.Wire(row.GetDateTime(Columns.EndTime)));
        writer.WriteDate(DeliveryDay, row.GetFieldValue<DateOnly>(Columns.DeliveryDay));
        writer.WriteStartArray(Sources);
        computed = default;
        slotOpen = true;
    }

    /// <summary>One source's row of the open slot, folded into its computed block.</summary>
    public void WriteSource(NpgsqlDataReader row)
    {
        writer.WriteStartObject();
        var c = Columns;
        writer.WriteString(Source, row.GetString(c.Source));
        var (charge, discharge, low, high) = (Decimal(row, c.PowerCharge), Decimal(row, c.PowerDischarge), Decimal(row, c.EnergyLow), Decimal(row, c.EnergyHigh));
        bool? locked = row.IsDBNull(c.TradingLocked) ? null : row.GetBoolean(c.TradingLocked);
        WriteNumber(PowerCharge, charge);
        WriteNumber(PowerDischarge, discharge);
        WriteNumber(EnergyLow, low);
        WriteNumber(EnergyHigh, high);
        if (locked is { } value) writer.WriteBoolean(TradingLocked, value);
        else writer.WriteNull(TradingLocked);
        writer.WriteString(UpdatedAt, Timestamps.Wire(row.GetDateTime(c.UpdatedAt)));
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

    /// <summary>Each field's column in the rows, found once per page by the field's name.</summary>
    public readonly record struct RowColumns(int AssetId, int StartTime, int EndTime, int DeliveryDay, int Source,
        int PowerCharge, int PowerDischarge, int EnergyLow, int EnergyHigh, int TradingLocked, int UpdatedAt)
    {
        public static RowColumns Of(NpgsqlDataReader rows)
        {
            int At(JsonEncodedText name) => rows.GetOrdinal(name.Value);
            return new(At(LimitListJson.AssetId), At(LimitListJson.StartTime), At(LimitListJson.EndTime), At(LimitListJson.DeliveryDay), At(LimitListJson.Source),
                At(LimitListJson.PowerCharge), At(LimitListJson.PowerDischarge), At(LimitListJson.EnergyLow), At(LimitListJson.EnergyHigh), At(LimitListJson.TradingLocked), At(LimitListJson.UpdatedAt));
        }
    }
}
