using AssetService.Core.Common;
using System.Text.Json.Serialization;
using AssetService.Core.Database;
using Npgsql;

namespace AssetService.Core.Health;

public sealed record HealthReport(string Status, string Database)
{
    public static readonly ResponseShape Shape = new(typeof(HealthReport), "HealthResponse",
        "`ok`/`ok` when PostgreSQL answers within 3 s, else `degraded`/`unavailable` (with status 503).")
    {
        [nameof(Status)] = Fields.OneOf(new Vocabulary("ok", "degraded")).Schema,
        [nameof(Database)] = Fields.OneOf(new Vocabulary("ok", "unavailable")).Schema,
    };

    [JsonIgnore]
    public bool IsHealthy => Status == "ok";
}

public sealed class HealthService(NpgsqlDataSource db, SchemaState schema)
{
    public async Task<HealthReport> CheckAsync(CancellationToken ct)
    {
        try
        {
            await using var command = db.CreateCommand("SELECT 1");
            command.CommandTimeout = 3;
            await command.ExecuteScalarAsync(ct);
            return schema.IsReady ? new HealthReport("ok", "ok") : new HealthReport("degraded", "unavailable");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return new HealthReport("degraded", "unavailable");
        }
    }
}
