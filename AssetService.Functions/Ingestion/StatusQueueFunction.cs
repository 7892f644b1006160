#if SERVICE_BUS_TRIGGER
using AssetService.Core.Ingestion;
using AssetService.Core.Status;
using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace AssetService.Functions.Ingestion;

/// <summary>
/// The status queue (app setting <c>StatusQueueName</c>, identity-based connection <c>ServiceBusConnection</c>).
/// Settles each message itself: complete after the commit, dead-letter a poison message, throw to retry.
/// </summary>
public sealed class StatusQueueFunction(StatusIngestion ingestion, ILogger<StatusQueueFunction> logger)
{
    [Function("IngestStatus")]
    public Task Run(
        [ServiceBusTrigger("%StatusQueueName%", Connection = "ServiceBusConnection", AutoCompleteMessages = false)]
        ServiceBusReceivedMessage message,
        ServiceBusMessageActions actions,
        CancellationToken ct) =>
        MessageSettlement.SettleAsync(ingestion, IncomingMessage.From(message), new ServiceBusSettler(message, actions), logger, ct);
}
#endif
