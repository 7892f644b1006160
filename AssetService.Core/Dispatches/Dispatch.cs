namespace AssetService.Core.Dispatches;

/// <summary>A stored dispatch command (<c>Dispatch</c>): <c>id</c> is the event's <c>dispatch_id</c>, power in MW.</summary>
public sealed record Dispatch(
    Guid Id,
    string AssetId,
    DateTime StartTime,
    DateTime EndTime,
    DateOnly DeliveryDay,
    decimal Power,
    string? Market,
    string Source,
    DateTime IssuedAt,
    DateTime ReceivedAt);

public sealed record DispatchList(IReadOnlyList<Dispatch> Dispatches, int Limit, int Offset);
