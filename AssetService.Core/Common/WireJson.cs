using System.Globalization;
using System.Text.Json;

namespace AssetService.Core.Common;

/// <summary>Values the page writers put on the wire by hand, formatted as the standard serialiser does.</summary>
public static class WireJson
{
    /// <summary>A record's field name as the serializer writes it (<c>nameof(Forecast.Generation)</c> → <c>generation</c>), encoded once.</summary>
    public static JsonEncodedText Name<T>(string property) => JsonEncodedText.Encode(ResponseShape.NameOf<T>(property));

    /// <summary>A date as <c>yyyy-MM-dd</c>, without a string in between.</summary>
    public static void WriteDate(this Utf8JsonWriter writer, JsonEncodedText name, DateOnly date)
    {
        Span<byte> text = stackalloc byte[10];
        date.TryFormat(text, out var length, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        writer.WriteString(name, text[..length]);
    }
}
