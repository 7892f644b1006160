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

    /// <summary>The text with every unpaired surrogate replaced by U+FFFD, so that it can be written back in an error.</summary>
    public static string Printable(string text)
    {
        if (IsStorable(text)) return text;
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])) i++;
            else if (char.IsSurrogate(chars[i])) chars[i] = '\uFFFD';
        }
        return new string(chars);
    }

    public const string Message = "String must not contain NUL characters or unpaired surrogates";
}
