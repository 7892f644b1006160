#if SERVICE_BUS_TRIGGER
using AssetService.Core.Ingestion;
using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;

namespace AssetService.Functions.Ingestion;

/// <summary>Settles the triggering message through the worker's <see cref="ServiceBusMessageActions"/>.</summary>
public sealed class ServiceBusSettler(ServiceBusReceivedMessage message, ServiceBusMessageActions actions) : IMessageSettler
{
    public Task CompleteAsync(CancellationToken ct) => actions.CompleteMessageAsync(message, ct);

    public Task DeadLetterAsync(string reason, string description, CancellationToken ct) =>
        actions.DeadLetterMessageAsync(message, deadLetterReason: reason, deadLetterErrorDescription: description, cancellationToken: ct);
}
#endif
