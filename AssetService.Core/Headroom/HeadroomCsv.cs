using System.Data;
using System.Linq.Expressions;
using System.Reflection;
using AssetService.Core.Changes;
using AssetService.Core.Common;
using AssetService.Core.Common.Csv;
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
    /// <summary>A column: its header and the writer of an item's cell.</summary>
    public sealed record Column(string Name, Action<CsvLines, HeadroomItem> Write);

    private static readonly ParameterExpression Item = Expression.Parameter(typeof(HeadroomItem), "item");
    private static readonly ParameterExpression Csv = Expression.Parameter(typeof(CsvLines), "csv");

    public static readonly IReadOnlyList<Column> Columns = Flatten(typeof(HeadroomItem), "", Item, Item);

    // Each cell is compiled once into a typed delegate (item => csv.Number(item.Energy == null ? null : item.Energy.Floor)),
    // so a line boxes nothing and walks no owner chain through reflection (9,600 lines x 20 cells).
    private static List<Column> Flatten(Type type, string prefix, Expression owner, ParameterExpression item)
    {
        var columns = new List<Column>();
        foreach (var property in Json.Options.GetTypeInfo(type).Properties)
        {
            var member = property.AttributeProvider as PropertyInfo
                ?? throw new InvalidOperationException($"{type.Name}.{property.Name} is not a property");
            var value = OrNull(owner, item, member);
            if (property.PropertyType.Namespace == typeof(HeadroomItem).Namespace)
                columns.AddRange(Flatten(property.PropertyType, $"{prefix}{property.Name}_", value, item));
            else
                columns.Add(new Column(prefix + property.Name,
                    Expression.Lambda<Action<CsvLines, HeadroomItem>>(Cell(value), Csv, item).Compile()));
        }
        return columns;
    }

    // owner.member, or null when a nested owner is null (the energy of a PV asset).
    private static Expression OrNull(Expression owner, ParameterExpression item, PropertyInfo member)
    {
        var type = member.PropertyType.IsValueType && Nullable.GetUnderlyingType(member.PropertyType) is null
            ? typeof(Nullable<>).MakeGenericType(member.PropertyType)
            : member.PropertyType;
        var get = Expression.Convert(Expression.Property(owner, member), type);
        return owner == item ? get : Expression.Condition(Expression.Equal(owner, Expression.Constant(null, owner.Type)), Expression.Constant(null, type), get);
    }

    // The JSON answer's forms (CsvLines): the writer by the field's type.
    private static MethodCallExpression Cell(Expression value)
    {
        var name = (Nullable.GetUnderlyingType(value.Type) ?? value.Type) switch
        {
            var t when t == typeof(decimal) => nameof(CsvLines.Number),
            var t when t == typeof(DateTime) => nameof(CsvLines.Timestamp),
            var t when t == typeof(DateOnly) => nameof(CsvLines.Date),
            var t when t == typeof(bool) => nameof(CsvLines.Boolean),
            var t when t == typeof(string) => nameof(CsvLines.Text),
            var t when t == typeof(IReadOnlyList<string>) => nameof(CsvLines.Names),
            var t => throw new InvalidOperationException($"No CSV form for {t.Name}"),
        };
        return Expression.Call(Csv, typeof(CsvLines).GetMethod(name)!, value);
    }

    private const string CountSql = "SELECT count(*) FROM assets WHERE id = ANY(@AssetIds)";
    private static readonly string CountSqlAsOf = AsOf.Sql(CountSql);

    private static readonly HeadroomInputsReader.Statements Statements = HeadroomInputsReader.Statements.For(HeadroomInputsReader.AssetPage);

    /// <summary>About this many items are folded per round trip while the answer is written.</summary>
    private const int ItemsPerRead = 20_000;

    private static int AssetsPerRead(HeadroomWindow window) => Math.Max(1, ItemsPerRead / window.Slots);

    /// <summary>What a CSV answer of <paramref name="query"/> runs, values in place: its line count, then its first read.</summary>
    internal static IEnumerable<string> Sql(HeadroomQuery query)
    {
        var literals = HeadroomInputsReader.Literals([.. query.AssetIds], query.Window, 0, AssetsPerRead(query.Window));
        literals["@AssetIds"] = literals["$1"];
        return [HeadroomInputsReader.Inline(CountSql, literals), .. Statements.Now.Select(sql => HeadroomInputsReader.Inline(sql, literals))];
    }

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
        await using var csv = CsvLines.Create(body);
        await csv.HeaderAsync(Columns.Select(c => c.Name), ct);
        var perRead = AssetsPerRead(window);
        for (long first = 0; ; first += perRead)
        {
            var inputs = await HeadroomInputsReader.ReadAsync(connection, transaction, Statements, ids, window, first, perRead, asOf, ct);
            foreach (var item in new HeadroomFold(inputs).Items())
            {
                foreach (var column in Columns) column.Write(csv, item);
                await csv.EndLineAsync(ct);
            }
            if (inputs.Assets.Count < perRead) break;
        }
        await csv.FlushAsync(ct);
    }
}
