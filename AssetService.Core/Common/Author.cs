namespace AssetService.Core.Common;

/// <summary>
/// Who made a write, as the change feed's <c>changed_by</c> will carry it (contract 6.3): a token's
/// <c>oid</c> (else <c>sub</c>), <c>function-key</c>, or <c>service-bus</c> for ingested messages.
/// </summary>
public sealed record Author(string Id)
{
    public static readonly Author FunctionKey = new("function-key");
    public static readonly Author ServiceBus = new("service-bus");

    /// <summary>The token's object id when it has one (Entra), else its subject.</summary>
    public static Author FromToken(string? objectId, string? subject) =>
        objectId is { Length: > 0 } ? new(objectId)
        : subject is { Length: > 0 } ? new(subject)
        : throw new ArgumentException("A token without oid and sub names no author");
}
