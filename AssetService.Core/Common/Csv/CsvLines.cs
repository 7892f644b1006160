using System.Globalization;
using CsvHelper;

namespace AssetService.Core.Common.Csv;

/// <summary>
/// A <c>text/csv</c> answer (contract 6.4): RFC 4180 lines ended by CRLF, each cell in the form the JSON
/// answer gives the same value (timestamps as <see cref="Timestamps.Format"/>, dates YYYY-MM-DD, numbers
/// and booleans as JSON writes them, null as an empty cell). Cells are formatted into a buffer, not into
/// strings: a headroom answer has some 200,000 of them.
/// </summary>
public sealed class CsvLines : IAsyncDisposable
{
    private static readonly CsvWriterOptions Rfc4180 = new() { Mode = CsvMode.Rfc4180, NewLine = "\r\n" };

    private readonly CsvWriter csv;
    private readonly char[] buffer = new char[64];

    private CsvLines(CsvWriter csv) => this.csv = csv;

    /// <summary>Writes to <paramref name="body"/>, which stays open.</summary>
    public static CsvLines Create(Stream body) => new(CsvWriter.Create(body, Rfc4180, leaveOpen: true));

    public async ValueTask HeaderAsync(IEnumerable<string> names, CancellationToken ct)
    {
        foreach (var name in names) csv.WriteField(name);
        await csv.EndRecordAsync(ct);
    }

    public void Text(string? value) => csv.WriteField(value ?? "");

    /// <summary>Names joined by single spaces (contract 7.2, list fields).</summary>
    public void Names(IReadOnlyList<string>? names) => csv.WriteField(names?.Count switch
    {
        null or 0 => "",
        1 => names[0],
        _ => string.Join(' ', names),
    });

    // The form Utf8JsonWriter gives a decimal: its digits and scale as they are.
    public void Number(decimal? value)
    {
        if (value is not { } v) csv.WriteField("");
        else if (v.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture)) csv.WriteField(buffer.AsSpan(0, written));
        else csv.WriteField(v.ToString(CultureInfo.InvariantCulture));
    }

    public void Timestamp(DateTime? value)
    {
        if (value is not { } v) csv.WriteField("");
        else if (Timestamps.TryFormat(v, buffer, out var written)) csv.WriteField(buffer.AsSpan(0, written));
        else csv.WriteField(Timestamps.Format(v));
    }

    public void Date(DateOnly? value)
    {
        if (value is not { } v) csv.WriteField("");
        else if (v.TryFormat(buffer, out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture)) csv.WriteField(buffer.AsSpan(0, written));
        else csv.WriteField(v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    public void Boolean(bool? value) => csv.WriteField(value switch { null => "", true => "true", false => "false" });

    public ValueTask EndLineAsync(CancellationToken ct) => csv.EndRecordAsync(ct);

    public ValueTask FlushAsync(CancellationToken ct) => csv.FlushAsync(ct);

    public ValueTask DisposeAsync() => csv.DisposeAsync();
}
