using AssetService.Core.Common;

namespace AssetService.Core.Forecasts;

/// <summary>A stored forecast slot, MW. <see cref="ForecastListJson"/> writes these fields straight from the rows, with the names and order declared here.</summary>
public sealed record Forecast(
    string AssetId,
    DateTime StartTime,
    DateTime EndTime,
    DateOnly DeliveryDay,
    decimal Generation,
    decimal Consumption,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static readonly ResponseShape Shape = new(typeof(Forecast), "Forecast", "A stored forecast slot.")
    {
        [nameof(AssetId)] = PeriodFields.AssetId.Schema,
        [nameof(StartTime)] = Wire.SlotTimestamp,
        [nameof(EndTime)] = Wire.SlotTimestamp,
        [nameof(Generation)] = Wire.Number(min: 0).Described("MW"),
        [nameof(Consumption)] = Wire.Number(min: 0).Described("MW"),
    };
}

public sealed record ForecastList(int Limit, int Offset, IReadOnlyList<Forecast> Forecasts)
{
    public static readonly ResponseShape Shape = ResponseShape.Page(typeof(ForecastList), "ForecastListResponse",
        "A page of forecast slots ordered by (asset_id, start_time).");
}
