namespace AssetService.Core.Forecasts;

/// <summary>Forecast generation and consumption of an asset in one 15-minute slot (MW >= 0).</summary>
public sealed record Forecast(
    string AssetId,
    DateTime StartTime,
    DateTime EndTime,
    DateOnly DeliveryDay,
    decimal Generation,
    decimal Consumption,
    DateTime CreatedAt,
    DateTime UpdatedAt);

public sealed record ForecastList(int Limit, int Offset, IReadOnlyList<Forecast> Forecasts);
