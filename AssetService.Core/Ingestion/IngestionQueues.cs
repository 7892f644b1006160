using Microsoft.Extensions.Configuration;

namespace AssetService.Core.Ingestion;

/// <summary>The queue names, from the app settings <c>DispatchQueueName</c> and <c>StatusQueueName</c>.</summary>
public sealed record IngestionQueues(string DispatchQueue, string StatusQueue)
{
    public const string DefaultDispatchQueue = "dispatches";
    public const string DefaultStatusQueue = "asset-status";

    public static IngestionQueues From(IConfiguration configuration) => new(
        configuration["DispatchQueueName"] is { Length: > 0 } dispatches ? dispatches : DefaultDispatchQueue,
        configuration["StatusQueueName"] is { Length: > 0 } status ? status : DefaultStatusQueue);
}
