using AssetService.Core.Ingestion;
using AssetService.Tests.Support;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AssetService.Tests.Ingestion;

/// <summary>The settle decision the Service Bus functions delegate to, with the message actions substituted.</summary>
public sealed class MessageSettlementTests
{
    private sealed class RecordingSettler : IMessageSettler
    {
        public List<string> Calls { get; } = [];

        public Task CompleteAsync(CancellationToken ct)
        {
            Calls.Add("complete");
            return Task.CompletedTask;
        }

        public Task DeadLetterAsync(string reason, string description, CancellationToken ct)
        {
            Calls.Add($"dead-letter {reason}: {description}");
            return Task.CompletedTask;
        }
    }

    private sealed class FixedIngestion(Func<IngestionOutcome> outcome) : IMessageIngestion
    {
        public Task<IngestionOutcome> IngestAsync(IncomingMessage message, CancellationToken ct) => Task.FromResult(outcome());
    }

    private static Task<IngestionOutcome> SettleAsync(IMessageIngestion ingestion, IMessageSettler settler) =>
        MessageSettlement.SettleAsync(ingestion, Messages.Received("{}"), settler, NullLogger.Instance, CancellationToken.None);

    [Fact]
    public async Task A_stored_message_is_completed()
    {
        var settler = new RecordingSettler();
        await SettleAsync(new FixedIngestion(() => IngestionOutcome.Completed), settler);
        Assert.Equal(["complete"], settler.Calls);
    }

    [Fact]
    public async Task A_poison_message_is_dead_lettered_with_reason_and_description()
    {
        var settler = new RecordingSettler();
        await SettleAsync(new FixedIngestion(() => IngestionOutcome.DeadLetter("schema", "body.power: Input should be a valid number")), settler);
        Assert.Equal(["dead-letter schema: body.power: Input should be a valid number"], settler.Calls);
    }

    [Fact]
    public async Task A_failure_is_rethrown_and_the_message_left_unsettled_for_redelivery()
    {
        var settler = new RecordingSettler();
        await Assert.ThrowsAsync<NpgsqlException>(() => SettleAsync(new FixedIngestion(() => throw new NpgsqlException("connection refused")), settler));
        Assert.Empty(settler.Calls);
    }

    [Fact]
    public void A_received_service_bus_message_keeps_body_id_delivery_count_and_properties()
    {
        var received = ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: BinaryData.FromString("""{"a": 1}"""), messageId: "m-1", deliveryCount: 3,
            properties: new Dictionary<string, object> { ["producer"] = "optimiser" });

        var message = IncomingMessage.From(received);

        Assert.Equal(("""{"a": 1}""", "m-1", 3), (message.Body.ToString(), message.MessageId, message.DeliveryCount));
        Assert.Equal("optimiser", message.ApplicationProperties["producer"]);
    }
}
