namespace AssetService.Core.Common;

/// <summary>A body field of a partial update: absent (keep), explicit null (clear) or a value.</summary>
public readonly record struct Optional<T>(bool IsPresent, bool IsNull, T? Value)
{
    public static Optional<T> Absent => default;
    public static Optional<T> Null => new(true, true, default);
    public static Optional<T> Of(T value) => new(true, false, value);
}
