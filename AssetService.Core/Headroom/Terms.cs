using AssetService.Core.Units;

namespace AssetService.Core.Headroom;

/// <summary>A named bound; <paramref name="Names"/> are what <c>limited_by</c> lists when it attains the least (or greatest).</summary>
public readonly record struct Term(decimal Value, IReadOnlyList<string> Names)
{
    public Term(decimal value, string name) : this(value, [name]) { }
}

/// <summary>
/// The least (or greatest) of some terms and every name that attains it (contract 7.2, limited_by), taken
/// one term at a time; a term without a value is skipped. Values are rounded to 6 places (MW, MWh) before
/// they are compared, so a tie is a tie of the numbers shown. Term by term rather than over a list, so the
/// fold builds no list of terms per item (100 assets x 1 day: 9,600 items of some 20 terms each).
/// </summary>
public sealed class Pick
{
    private readonly bool least;
    private List<string>? names;

    private Pick(bool least) => this.least = least;

    public static Pick Least() => new(least: true);

    public static Pick Greatest() => new(least: false);

    /// <summary>The least (or greatest) value so far, rounded; null while no term had a value.</summary>
    public decimal? Value { get; private set; }

    /// <summary>Every name of the terms that attain <see cref="Value"/>, in the order they came, without repeats.</summary>
    public IReadOnlyList<string> Names => names ?? [];

    public void Add(decimal? value, string? name = null)
    {
        if (Attains(value) && name is not null && !names!.Contains(name)) names.Add(name);
    }

    public void Add(decimal? value, IReadOnlyList<string> termNames)
    {
        if (!Attains(value)) return;
        for (var i = 0; i < termNames.Count; i++) // by index: a foreach over the interface allocates an enumerator
            if (!names!.Contains(termNames[i])) names.Add(termNames[i]);
    }

    // True when the value ties the best so far or beats it (its names then start again).
    private bool Attains(decimal? term)
    {
        if (term is not { } v) return false;
        var value = Terms.Round(v);
        if (Value is not { } best || (least ? value < best : value > best))
        {
            Value = value;
            if (names is null) names = [];
            else names.Clear();
            return true;
        }
        return value == best;
    }
}

public static class Terms
{
    public static decimal Round(decimal value) =>
        Decimals.Normalize(value.Scale > 6 ? Math.Round(value, 6, MidpointRounding.AwayFromZero) : value);

    public static decimal? Round(decimal? value) => value is { } v ? Round(v) : null;

    public static (decimal? Value, IReadOnlyList<string> Names) Least(IEnumerable<Term> terms) => Of(Pick.Least(), terms);

    public static (decimal? Value, IReadOnlyList<string> Names) Greatest(IEnumerable<Term> terms) => Of(Pick.Greatest(), terms);

    private static (decimal? Value, IReadOnlyList<string> Names) Of(Pick pick, IEnumerable<Term> terms)
    {
        foreach (var term in terms) pick.Add(term.Value, term.Names);
        return (pick.Value, pick.Names);
    }

    /// <summary>The sum of the values that are known; null when none is.</summary>
    public static decimal? Sum(IEnumerable<decimal?> values)
    {
        decimal? sum = null;
        foreach (var value in values)
            if (value is { } v) sum = (sum ?? 0) + v;
        return sum;
    }
}
