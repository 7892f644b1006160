using AssetService.Core.Common;
using Dapper;
using Npgsql;

namespace AssetService.Core.Changes;

/// <summary>
/// One write: a connection, its transaction, and the author every change of it records as <c>changed_by</c>.
/// Disposing without <see cref="CommitAsync"/> rolls the write back.
/// </summary>
public sealed class AuthoredWrite : IAsyncDisposable
{
    private AuthoredWrite(NpgsqlConnection connection, NpgsqlTransaction transaction) =>
        (Connection, Transaction) = (connection, transaction);

    public NpgsqlConnection Connection { get; }
    public NpgsqlTransaction Transaction { get; }

    // Both settings are transaction-local: they end with the write and never reach the next user of the
    // pooled connection (nor, behind a transaction-mode PgBouncer, another client). The capture triggers
    // record the author as changed_by (default function-key). JIT off: the writes expand their rows with
    // generate_series over lateral arguments, which PostgreSQL estimates at 1,000 rows per call, so every
    // PATCH /limits, even of one slot, crossed jit_above_cost and compiled its plan for 15-25 ms first.
    private const string BeginSql = """
        SELECT set_config('asset_service.changed_by', @Author, true), set_config('jit', 'off', true)
        """;

    /// <summary>Opens a connection and begins the transaction; its first statement names the author and turns JIT off (one round trip).</summary>
    public static async Task<AuthoredWrite> BeginAsync(NpgsqlDataSource db, Author author, CancellationToken ct)
    {
        var connection = await db.OpenConnectionAsync(ct);
        try
        {
            var transaction = await connection.BeginTransactionAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition(BeginSql, new { Author = author.Id }, transaction, cancellationToken: ct));
            return new AuthoredWrite(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync(); // closing rolls back the transaction begun
            throw;
        }
    }

    public Task CommitAsync(CancellationToken ct) => Transaction.CommitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
