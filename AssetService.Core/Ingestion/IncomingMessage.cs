using Azure.Messaging.ServiceBus;

namespace AssetService.Core.Ingestion;

/// <summary>
/// One received queue message as the ingestion sees it, whether it came from Service Bus or from the
/// LocalHost dev route. <see cref="SequenceNumber"/> is the queue's order (Service Bus assigns it on enqueue).
/// </summary>
public sealed record IncomingMessage(
    BinaryData Body, string? MessageId, int DeliveryCount, IReadOnlyDictionary<string, object> ApplicationProperties, long SequenceNumber)
{
    private static readonly IReadOnlyDictionary<string, object> NoProperties = new Dictionary<string, object>();

    public static IncomingMessage From(ServiceBusReceivedMessage message) =>
        new(message.Body, message.MessageId, message.DeliveryCount, message.ApplicationProperties, message.SequenceNumber);

    public static IncomingMessage FromBytes(ReadOnlyMemory<byte> body, string? messageId = null, int deliveryCount = 1, long sequenceNumber = 0) =>
        new(BinaryData.FromBytes(body), messageId, deliveryCount, NoProperties, sequenceNumber);
}
