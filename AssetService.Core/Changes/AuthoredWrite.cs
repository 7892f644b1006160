using AssetService.Core.Common;
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

    /// <summary>Opens a connection and begins the transaction; its first statement names the author (one round trip).</summary>
    public static async Task<AuthoredWrite> BeginAsync(NpgsqlDataSource db, Author author, CancellationToken ct)
    {
        var connection = await db.OpenConnectionAsync(ct);
        try
        {
            var transaction = await connection.BeginTransactionAsync(ct);
            await ChangeAuthor.SetAsync(connection, transaction, author, ct);
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
