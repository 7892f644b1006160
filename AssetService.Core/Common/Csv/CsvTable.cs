using System.Data;
using System.Data.Common;
using System.Globalization;
using Dapper;
using Npgsql;

namespace AssetService.Core.Common.Csv;

/// <summary>
/// A whole [from, to) window as CSV, read row by row from PostgreSQL and written as it is read: the
/// column names of the query are the header. The rows are counted first, in the same read-only snapshot,
/// so that a window over <see cref="MaxLines"/> is a 422 before the answer starts.
/// </summary>
public sealed class CsvTable : IAsyncDisposable
{
    public const int MaxLines = 1_000_000;

    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;
    private readonly DbDataReader reader;

    private CsvTable(NpgsqlConnection connection, NpgsqlTransaction transaction, DbDataReader reader) =>
        (this.connection, this.transaction, this.reader) = (connection, transaction, reader);

    /// <param name="countSql">Counts the lines <paramref name="rowsSql"/> returns (cheap: no sort, no columns).</param>
    public static async Task<CsvTable> OpenAsync(NpgsqlDataSource db, string countSql, string rowsSql, object args, CancellationToken ct)
    {
        var connection = await db.OpenConnectionAsync(ct);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
            var lines = await connection.ExecuteScalarAsync<long>(new CommandDefinition(countSql, args, transaction, cancellationToken: ct));
            if (lines > MaxLines)
                throw RequestValidationException.Single("too_long", Loc.Query["to"],
                    $"The window holds {lines} rows; a CSV answer carries at most {MaxLines} lines: narrow from/to or the asset_ids");
            var reader = await connection.ExecuteReaderAsync(new CommandDefinition(rowsSql, args, transaction, cancellationToken: ct));
            return new CsvTable(connection, transaction, reader);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task WriteAsync(Stream body, CancellationToken ct)
    {
        var cells = Enumerable.Range(0, reader.FieldCount).Select(i => Cell(reader.GetDataTypeName(i))).ToArray();
        await using var csv = CsvLines.Create(body);
        await csv.HeaderAsync(Enumerable.Range(0, reader.FieldCount).Select(reader.GetName), ct);
        while (await reader.ReadAsync(ct))
        {
            for (var i = 0; i < cells.Length; i++)
                if (reader.IsDBNull(i)) csv.Text(null);
                else cells[i](csv, reader, i);
            await csv.EndLineAsync(ct);
        }
        await csv.FlushAsync(ct);
    }

    private static Action<CsvLines, DbDataReader, int> Cell(string postgresType) => postgresType switch
    {
        "timestamp with time zone" => (csv, r, i) => csv.Timestamp(r.GetDateTime(i)),
        "date" => (csv, r, i) => csv.Date(r.GetFieldValue<DateOnly>(i)),
        "numeric" => (csv, r, i) => csv.Number(r.GetDecimal(i)),
        "boolean" => (csv, r, i) => csv.Boolean(r.GetBoolean(i)),
        "text" or "character varying" or "uuid" => (csv, r, i) => csv.Text(Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture)),
        _ => throw new InvalidOperationException($"No CSV form for PostgreSQL type {postgresType}"),
    };

    public async ValueTask DisposeAsync()
    {
        await reader.DisposeAsync();
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
