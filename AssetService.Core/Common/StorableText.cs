namespace AssetService.Core.Common;

/// <summary>
/// PostgreSQL text cannot hold NUL, and Npgsql cannot encode a lone UTF-16 surrogate: such input is
/// refused as a 422 at the edge instead of failing inside the database.
/// </summary>
public static class StorableText
{
    public static bool IsStorable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0') return false;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(c)) return false;
        }
        return true;
    }

    public const string Message = "String must not contain NUL characters or unpaired surrogates";
}
