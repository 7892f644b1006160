using AssetService.Core.Common;
using Dapper;
using Npgsql;

namespace AssetService.Core.Changes;

/// <summary>
/// One write: a connection, its transaction, the author every change of it records as <c>changed_by</c>,
/// and its <see cref="Instant"/>, the one time every row, history version and change of the write carries.
/// Disposing without <see cref="CommitAsync"/> rolls the write back.
/// </summary>
public sealed class AuthoredWrite : IAsyncDisposable
{
    /// <summary>Attempts of a write whose capture found a version stamped after its instant (40001), before the 503.</summary>
    public const int MaxAttempts = 5;

    private AuthoredWrite(NpgsqlConnection connection, NpgsqlTransaction transaction, DateTime instant) =>
        (Connection, Transaction, Instant) = (connection, transaction, instant);

    public NpgsqlConnection Connection { get; }
    public NpgsqlTransaction Transaction { get; }

    /// <summary>The database's clock once the write held the locks of its owners (migration 0009, begin_write).</summary>
    public DateTime Instant { get; }

    // begin_write (migration 0009) sets the author and JIT off for this transaction only, locks the
    // owners, then takes the instant. The settings are transaction-local: they end with the write and
    // never reach the next user of the pooled connection (nor, behind a transaction-mode PgBouncer,
    // another client). JIT off: the writes expand their rows with generate_series over lateral
    // arguments, which PostgreSQL estimates at 1,000 rows per call, so every PATCH /limits, even of one
    // slot, crossed jit_above_cost and compiled its plan for 15-25 ms first.
    private const string BeginSql = "SELECT begin_write(@Author, @AssetIds, @SiteIds)";

    /// <summary>
    /// Runs <paramref name="write"/> in a new write (which it commits), again from the start when the
    /// database refuses it as out of commit order (40001), up to <see cref="MaxAttempts"/> times.
    /// </summary>
    public static async Task<T> RunAsync<T>(NpgsqlDataSource db, Author author, WriteOwners owners,
        Func<AuthoredWrite, Task<T>> write, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var authored = await BeginAsync(db, author, owners, ct);
                return await write(authored);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.SerializationFailure && attempt < MaxAttempts)
            {
            }
        }
    }

    /// <summary>As <see cref="RunAsync{T}"/>, for a write that answers nothing.</summary>
    public static Task RunAsync(NpgsqlDataSource db, Author author, WriteOwners owners, Func<AuthoredWrite, Task> write, CancellationToken ct) =>
        RunAsync(db, author, owners, async authored =>
        {
            await write(authored);
            return true;
        }, ct);

    /// <summary>Opens a connection and begins the transaction; its first statement names the author, locks the owners and takes the instant (one round trip).</summary>
    public static async Task<AuthoredWrite> BeginAsync(NpgsqlDataSource db, Author author, WriteOwners owners, CancellationToken ct)
    {
        var connection = await db.OpenConnectionAsync(ct);
        try
        {
            var transaction = await connection.BeginTransactionAsync(ct);
            var instant = await connection.ExecuteScalarAsync<DateTime>(new CommandDefinition(BeginSql,
                new { Author = author.Id, AssetIds = owners.AssetIds.ToArray(), SiteIds = owners.SiteIds.ToArray() }, transaction, cancellationToken: ct));
            return new AuthoredWrite(connection, transaction, DateTime.SpecifyKind(instant, DateTimeKind.Utc));
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
