namespace AssetService.Core.Headroom;

/// <summary>A named bound; <paramref name="Names"/> are what <c>limited_by</c> lists when it attains the least (or greatest).</summary>
public readonly record struct Term(decimal Value, IReadOnlyList<string> Names)
{
    public Term(decimal value, string name) : this(value, [name]) { }
}

/// <summary>
/// The least or greatest of some terms and every name that attains it (contract 7.2, limited_by). Values
/// are rounded to 6 places (MW, MWh) before they are compared, so a tie is a tie of the numbers shown.
/// </summary>
public static class Terms
{
    public static decimal Round(decimal value) =>
        WithoutTrailingZeros(value.Scale > 6 ? Math.Round(value, 6, MidpointRounding.AwayFromZero) : value);

    // As Decimals.Normalize, without its 96-bit division: the fold rounds some 30 values per item, and the
    // division was most of its time (100 assets x 1 day: 9,600 items).
    private static decimal WithoutTrailingZeros(decimal value)
    {
        var scale = value.Scale;
        if (scale == 0) return value;
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
        while (scale > 0 && mantissa % 10 == 0)
        {
            mantissa /= 10;
            scale--;
        }
        return new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), (int)(uint)(mantissa >> 64), value < 0, (byte)scale);
    }

    public static decimal? Round(decimal? value) => value is { } v ? Round(v) : null;

    public static (decimal? Value, IReadOnlyList<string> Names) Least(IEnumerable<Term> terms) => Pick(terms, least: true);

    public static (decimal? Value, IReadOnlyList<string> Names) Greatest(IEnumerable<Term> terms) => Pick(terms, least: false);

    private static (decimal? Value, IReadOnlyList<string> Names) Pick(IEnumerable<Term> terms, bool least)
    {
        decimal? best = null;
        var names = new List<string>();
        foreach (var term in terms)
        {
            var value = Round(term.Value);
            if (best is null || (least ? value < best : value > best))
            {
                best = value;
                names.Clear();
            }
            if (value == best)
                foreach (var name in term.Names)
                    if (!names.Contains(name)) names.Add(name);
        }
        return (best, names);
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
