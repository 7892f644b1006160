using AssetService.Core.Common;

namespace AssetService.Core.Units;

public enum Dimension
{
    Power,
    Energy,
    Price,
}

/// <summary>A unit the API accepts, and the factor that takes a value in it to its canonical unit.</summary>
public sealed record Unit(string Symbol, Dimension Dimension, string Canonical, decimal ToCanonical);

/// <summary>
/// Power in kW/MW/GW (canonical MW), energy in kWh/MWh/GWh (canonical MWh), prices per MWh in EUR or
/// PLN (canonical: the same currency per MWh; currencies are never converted into each other).
/// Symbols are case-sensitive: "mW" would be a milliwatt, not a megawatt.
/// </summary>
public static class UnitTable
{
    public static readonly IReadOnlyList<Unit> All =
    [
        new("kW", Dimension.Power, "MW", 0.001m),
        new("MW", Dimension.Power, "MW", 1m),
        new("GW", Dimension.Power, "MW", 1000m),
        new("kWh", Dimension.Energy, "MWh", 0.001m),
        new("MWh", Dimension.Energy, "MWh", 1m),
        new("GWh", Dimension.Energy, "MWh", 1000m),
        new("EUR/MWh", Dimension.Price, "EUR/MWh", 1m),
        new("PLN/MWh", Dimension.Price, "PLN/MWh", 1m),
    ];

    private static readonly Dictionary<string, Unit> BySymbol = All.ToDictionary(u => u.Symbol, StringComparer.Ordinal);

    public static Unit? Find(string symbol) => BySymbol.GetValueOrDefault(symbol);

    public static IReadOnlyList<string> SymbolsOf(Dimension dimension) =>
        All.Where(u => u.Dimension == dimension).Select(u => u.Symbol).ToArray();

    /// <summary>The symbols of each dimension as the document's enums (<c>PowerUnit</c>, ...).</summary>
    public static readonly Vocabulary PowerUnits = new([.. SymbolsOf(Dimension.Power)])
    {
        Component = "PowerUnit", Description = "A unit of power.",
        Identifiers = [("KILOWATT", "Kilowatt"), ("MEGAWATT", "Megawatt"), ("GIGAWATT", "Gigawatt")],
    };

    public static readonly Vocabulary EnergyUnits = new([.. SymbolsOf(Dimension.Energy)])
    {
        Component = "EnergyUnit", Description = "A unit of energy.",
        Identifiers = [("KILOWATT_HOUR", "KilowattHour"), ("MEGAWATT_HOUR", "MegawattHour"), ("GIGAWATT_HOUR", "GigawattHour")],
    };

    public static readonly Vocabulary PriceUnits = new([.. SymbolsOf(Dimension.Price)])
    {
        Component = "PriceUnit", Description = "A price per MWh in EUR or PLN; prices keep their currency.",
        Identifiers = [("EUR_PER_MWH", "EurPerMWh"), ("PLN_PER_MWH", "PlnPerMWh")],
    };

    public static Vocabulary VocabularyOf(Dimension dimension) => dimension switch
    {
        Dimension.Power => PowerUnits,
        Dimension.Energy => EnergyUnits,
        _ => PriceUnits,
    };

    public static string Describe(Dimension dimension) => dimension switch
    {
        Dimension.Power => "power",
        Dimension.Energy => "energy",
        _ => "price",
    };
}
