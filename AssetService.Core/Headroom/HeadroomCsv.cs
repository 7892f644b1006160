using System.Collections;
using System.Data;
using System.Globalization;
using AssetService.Core.Changes;
using AssetService.Core.Common;
using AssetService.Core.Common.Csv;
using AssetService.Core.Units;
using CsvHelper;
using Dapper;
using Npgsql;

namespace AssetService.Core.Headroom;

/// <summary>
/// Headroom as CSV (contract 7.2, 6.4): one line per item over the whole window, ignoring limit/offset.
/// The columns are the JSON fields of <see cref="HeadroomItem"/>, nested ones flattened as
/// <c>&lt;parent&gt;_&lt;field&gt;</c>, lists joined by single spaces.
/// </summary>
public sealed class HeadroomCsv(NpgsqlDataSource db)
{
    /// <summary>A column: its header and the cell of an item (null: an empty field).</summary>
    public sealed record Column(string Name, Func<HeadroomItem, string?> Cell);

    public static readonly IReadOnlyList<Column> Columns = Flatten(typeof(HeadroomItem), "", item => item);

    private static List<Column> Flatten(Type type, string prefix, Func<HeadroomItem, object?> owner)
    {
        var columns = new List<Column>();
        foreach (var property in Json.Options.GetTypeInfo(type).Properties)
        {
            var get = property.Get ?? throw new InvalidOperationException($"{type.Name}.{property.Name} cannot be read");
            Func<HeadroomItem, object?> value = item => owner(item) is { } o ? get(o) : null;
            if (property.PropertyType.Namespace == typeof(HeadroomItem).Namespace)
                columns.AddRange(Flatten(property.PropertyType, $"{prefix}{property.Name}_", value));
            else
                columns.Add(new Column(prefix + property.Name, item => Format(value(item))));
        }
        return columns;
    }

    // The JSON answer's forms: timestamps as Timestamps.Format, dates YYYY-MM-DD, numbers as JSON writes them.
    private static string? Format(object? value) => value switch
    {
        null => null,
        decimal d => Decimals.Format(d),
        DateTime t => Timestamps.Format(t),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        string s => s,
        IEnumerable list => string.Join(' ', list.Cast<object>()),
        _ => throw new InvalidOperationException($"No CSV form for {value.GetType().Name}"),
    };

    private const string CountSql = "SELECT count(*) FROM assets WHERE id = ANY(@AssetIds)";
    private static readonly string CountSqlAsOf = AsOf.Sql(CountSql);

    private static readonly HeadroomInputsReader.Statements Statements = HeadroomInputsReader.Statements.For(HeadroomInputsReader.AssetPage);

    /// <summary>About this many items are folded per round trip while the answer is written.</summary>
    private const int ItemsPerRead = 20_000;

    /// <summary>Checks the line count (a 422 before the answer starts) and returns the writer of the whole window.</summary>
    public async Task<Func<Stream, CancellationToken, Task>> OpenAsync(HeadroomQuery query, DateTime? asOf, CancellationToken ct)
    {
        var ids = query.AssetIds.ToArray();
        long assets;
        await using (var connection = await db.OpenConnectionAsync(ct))
            assets = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                asOf is null ? CountSql : CountSqlAsOf, new { AssetIds = ids, AsOf = asOf }, cancellationToken: ct));
        var lines = assets * query.Window.Slots;
        if (lines > CsvTable.MaxLines)
            throw RequestValidationException.Single("too_long", Loc.Query["to"],
                $"The window holds {lines} items; a CSV answer carries at most {CsvTable.MaxLines} lines: narrow from/to or the asset_ids");
        return (body, token) => WriteAsync(body, ids, query.Window, asOf, token);
    }

    private async Task WriteAsync(Stream body, string[] ids, HeadroomWindow window, DateTime? asOf, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        // One snapshot for every round trip of the answer, so that its chunks agree with each other.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await using var csv = CsvWriter.Create(body, new CsvWriterOptions { Mode = CsvMode.Rfc4180, NewLine = "\r\n" }, leaveOpen: true);
        foreach (var column in Columns) csv.WriteField(column.Name);
        await csv.EndRecordAsync(ct);
        var perRead = Math.Max(1, ItemsPerRead / window.Slots);
        for (long first = 0; ; first += perRead)
        {
            var inputs = await HeadroomInputsReader.ReadAsync(connection, transaction, Statements, ids, window, first, perRead, asOf, ct);
            foreach (var item in new HeadroomFold(inputs).Items())
            {
                foreach (var column in Columns) csv.WriteField(column.Cell(item) ?? "");
                await csv.EndRecordAsync(ct);
            }
            if (inputs.Assets.Count < perRead) break;
        }
        await csv.FlushAsync(ct);
    }
}
