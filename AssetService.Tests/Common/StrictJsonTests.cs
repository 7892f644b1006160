using System.Text;
using AssetService.Core.Common;

namespace AssetService.Tests.Common;

public sealed class StrictJsonTests
{
    [Theory]
    [InlineData("{\"a\": 1}")]
    [InlineData("{\n  \"a\": [1, 2]\n}\n\n")]
    [InlineData("  [1]\t\r\n ")]
    [InlineData("\uFEFF{\"a\": \"Łódź ⚡\"}")]
    public void One_value_with_whitespace_around_it_is_read(string text) =>
        StrictJson.Parse(Encoding.UTF8.GetBytes(text));

    [Theory]
    [InlineData("{\"a\": 1} garbage")]
    [InlineData("{\"a\": 1}{}")]
    [InlineData("{\"a\": 1}\n{\"a\": 2}")]
    [InlineData("[1] ]")]
    [InlineData("1 2")]
    public void Data_after_the_value_is_refused(string text)
    {
        var e = Assert.Throws<InvalidJsonException>(() => StrictJson.Parse(Encoding.UTF8.GetBytes(text)));
        Assert.Contains("after the JSON value", e.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE })]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })] // an encoded UTF-16 surrogate
    [InlineData(new byte[] { 0xE2, 0x82 })] // truncated sequence
    public void Invalid_utf8_inside_a_string_is_refused_with_its_position(byte[] bad)
    {
        var body = Encoding.UTF8.GetBytes("{\"name\": \"ab").Concat(bad).Concat(Encoding.UTF8.GetBytes("cd\"}")).ToArray();
        var e = Assert.Throws<InvalidJsonException>(() => StrictJson.Parse(body));
        Assert.Contains("UTF-8", e.Message);
        Assert.Equal((1L, 12L), (e.Line, e.BytePositionInLine));
    }
}
