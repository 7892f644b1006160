using AssetService.Core.Common;
using Dapper;
using Npgsql;

namespace AssetService.Core.Changes;

/// <summary>Names the author of a transaction's changes (the capture triggers default to <c>function-key</c>).</summary>
public static class ChangeAuthor
{
    private const string SetSql = "SELECT set_config('asset_service.changed_by', @Author, true)";

    /// <summary>Transaction-local: it ends with <paramref name="transaction"/> and never leaks to the next user of the connection.</summary>
    public static Task SetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Author author, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(SetSql, new { Author = author.Id }, transaction, cancellationToken: ct));
}
