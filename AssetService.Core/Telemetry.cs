using System.Diagnostics;
using Npgsql;

namespace AssetService.Core;

/// <summary>
/// The service's own spans (one per ingested message; HTTP and SQL spans come from the hosts' and
/// Npgsql's instrumentation) and the error facts that logs may carry: type, message and SQL state,
/// never a key, a connection string or a body.
/// </summary>
public static class Telemetry
{
    public const string SourceName = "AssetService";

    public static readonly ActivitySource Source = new(SourceName);

    public static string SqlState(Exception exception) => exception switch
    {
        PostgresException pg => pg.SqlState,
        { InnerException: { } inner } => SqlState(inner),
        _ => "",
    };
}
