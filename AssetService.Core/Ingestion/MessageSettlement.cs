using Microsoft.Extensions.Logging;

namespace AssetService.Core.Ingestion;

/// <summary>Settles a peek-locked message; the Functions app adapts <c>ServiceBusMessageActions</c> to it.</summary>
public interface IMessageSettler
{
    Task CompleteAsync(CancellationToken ct);

    Task DeadLetterAsync(string reason, string description, CancellationToken ct);
}

public static class MessageSettlement
{
    /// <summary>
    /// Ingests the message and settles it: complete after the commit, dead-letter a poison message. An
    /// exception (database unreachable, host shutting down) propagates unsettled: the lock runs out and
    /// Service Bus delivers the message again, until <c>maxDeliveryCount</c> moves it to the dead-letter queue.
    /// </summary>
    public static async Task<IngestionOutcome> SettleAsync(
        IMessageIngestion ingestion, IncomingMessage message, IMessageSettler settler, ILogger logger, CancellationToken ct)
    {
        // One span per message; its SQL, the transaction included, nests under it.
        using var activity = Telemetry.Source.StartActivity("ingest " + ingestion.GetType().Name);
        activity?.SetTag("messaging.message.id", message.MessageId);
        IngestionOutcome outcome;
        try
        {
            outcome = await ingestion.IngestAsync(message, ct);
        }
        catch (Exception e)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.GetType().Name);
            logger.LogWarning("Message {MessageId} (delivery {DeliveryCount}) failed and will be retried: {ErrorType}: {ErrorMessage} (SQL state {SqlState})",
                message.MessageId, message.DeliveryCount, e.GetType().Name, e.Message, Telemetry.SqlState(e));
            throw;
        }
        activity?.SetTag("asset_service.outcome", outcome is DeadLettered ? "dead-lettered" : "completed");

        if (outcome is DeadLettered dead)
        {
            logger.LogWarning("Message {MessageId} dead-lettered: {Reason}: {Description}", message.MessageId, dead.Reason, dead.Description);
            await settler.DeadLetterAsync(dead.Reason, dead.Description, ct);
        }
        else
        {
            await settler.CompleteAsync(ct);
        }
        return outcome;
    }
}
