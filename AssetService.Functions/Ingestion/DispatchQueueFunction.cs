#if SERVICE_BUS_TRIGGER
using AssetService.Core.Dispatches;
using AssetService.Core.Ingestion;
using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace AssetService.Functions.Ingestion;

/// <summary>
/// The dispatch queue (app setting <c>DispatchQueueName</c>, identity-based connection <c>ServiceBusConnection</c>).
/// Settles each message itself: complete after the commit, dead-letter a poison message, throw to retry.
/// </summary>
public sealed class DispatchQueueFunction(DispatchIngestion ingestion, ILogger<DispatchQueueFunction> logger)
{
    [Function("IngestDispatches")]
    public Task Run(
        [ServiceBusTrigger("%DispatchQueueName%", Connection = "ServiceBusConnection", AutoCompleteMessages = false)]
        ServiceBusReceivedMessage message,
        ServiceBusMessageActions actions,
        CancellationToken ct) =>
        MessageSettlement.SettleAsync(ingestion, IncomingMessage.From(message), new ServiceBusSettler(message, actions), logger, ct);
}
#endif
