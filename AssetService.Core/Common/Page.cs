namespace AssetService.Core.Common;

/// <summary><c>limit</c> 1..1000 (default 50) and <c>offset</c> >= 0 (default 0), echoed by every list response.</summary>
public sealed record Page(int Limit, int Offset)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 1000;

    /// <summary>The two fields every list answer echoes.</summary>
    public static readonly FieldSchema LimitSchema = Wire.Integer(1, MaxLimit).Described($"The `limit` of the request (default {DefaultLimit}).");
    public static readonly FieldSchema OffsetSchema = Wire.Integer(0).Described("The `offset` of the request (default 0).");
}
