namespace AssetService.Core.Common;

/// <summary><c>limit</c> 1..1000 (default 50) and <c>offset</c> >= 0 (default 0), echoed by every list response.</summary>
public sealed record Page(int Limit, int Offset)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 1000;
}
