using AssetService.Core.Common;
using AssetService.Core.Units;

namespace AssetService.Core.Specs;

/// <summary>
/// One version of an asset's technical spec, valid in [valid_from, valid_to) (valid_to null: open end).
/// Powers in MW, energies in MWh, ramp rate in MW/min; efficiencies and ramp rate as decimal strings.
/// </summary>
public sealed record Spec(
    string AssetId,
    DateTime ValidFrom,
    DateTime? ValidTo,
    Quantity? RatedPower,
    Quantity? GridConnectionMaxPower,
    Quantity? MaxCapacity,
    string? RampRate,
    string? RampType,
    string? ChargeEfficiency,
    string? DischargeEfficiency,
    Quantity? DailyCycleEnergyLimit,
    Quantity? PrequalifiedFcr,
    Quantity? PrequalifiedAfrrCharge,
    Quantity? PrequalifiedAfrrDischarge,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static readonly ResponseShape Shape = new(typeof(Spec), "Spec", "A stored spec version, in canonical units.")
    {
        [nameof(AssetId)] = PeriodFields.AssetId.Schema,
        [nameof(ValidTo)] = Wire.UtcTimestamp.Described("End (exclusive); null while open-ended."),
        [nameof(RatedPower)] = QuantityJsonConverter.PowerSchema.Described("MW"),
        [nameof(GridConnectionMaxPower)] = QuantityJsonConverter.PowerSchema.Described("MW"),
        [nameof(MaxCapacity)] = QuantityJsonConverter.EnergySchema.Described("MWh"),
        [nameof(RampRate)] = Wire.DecimalStringInline.Described("MW per minute as a decimal string."),
        [nameof(RampType)] = Wire.Text,
        [nameof(ChargeEfficiency)] = Wire.DecimalStringInline.Described("Decimal string in (0, 1]."),
        [nameof(DischargeEfficiency)] = Wire.DecimalStringInline.Described("Decimal string in (0, 1]."),
        [nameof(DailyCycleEnergyLimit)] = QuantityJsonConverter.EnergySchema.Described("MWh"),
        [nameof(PrequalifiedFcr)] = QuantityJsonConverter.PowerSchema.Described("MW"),
        [nameof(PrequalifiedAfrrCharge)] = QuantityJsonConverter.PowerSchema.Described("MW"),
        [nameof(PrequalifiedAfrrDischarge)] = QuantityJsonConverter.PowerSchema.Described("MW"),
    };
}

public sealed record SpecList(IReadOnlyList<Spec> Specs, int Limit, int Offset)
{
    public static readonly ResponseShape Shape = ResponseShape.Page(typeof(SpecList), "SpecListResponse",
        "A page of spec versions ordered by (asset_id, valid_from DESC).");
}

/// <summary>A spec as stored: canonical numbers. Init properties, so Dapper maps numeric columns leniently.</summary>
internal sealed record SpecRow
{
    public const string Columns = """
        asset_id, valid_from, valid_to, rated_power, grid_connection_max_power, max_capacity, ramp_rate, ramp_type,
        charge_efficiency, discharge_efficiency, daily_cycle_energy_limit, prequalified_fcr, prequalified_afrr_charge,
        prequalified_afrr_discharge, created_at, updated_at
        """;

    public string AssetId { get; init; } = "";
    public DateTime ValidFrom { get; init; }
    public DateTime? ValidTo { get; init; }
    public decimal? RatedPower { get; init; }
    public decimal? GridConnectionMaxPower { get; init; }
    public decimal? MaxCapacity { get; init; }
    public decimal? RampRate { get; init; }
    public string? RampType { get; init; }
    public decimal? ChargeEfficiency { get; init; }
    public decimal? DischargeEfficiency { get; init; }
    public decimal? DailyCycleEnergyLimit { get; init; }
    public decimal? PrequalifiedFcr { get; init; }
    public decimal? PrequalifiedAfrrCharge { get; init; }
    public decimal? PrequalifiedAfrrDischarge { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }

    public Spec ToSpec() => new(
        AssetId, ValidFrom, ValidTo,
        Quantity.Power(RatedPower), Quantity.Power(GridConnectionMaxPower), Quantity.Energy(MaxCapacity),
        Decimals.Format(RampRate), RampType, Decimals.Format(ChargeEfficiency), Decimals.Format(DischargeEfficiency),
        Quantity.Energy(DailyCycleEnergyLimit), Quantity.Power(PrequalifiedFcr),
        Quantity.Power(PrequalifiedAfrrCharge), Quantity.Power(PrequalifiedAfrrDischarge),
        CreatedAt, UpdatedAt);
}
