using AssetService.Core.Common;

namespace AssetService.Tests.Common;

public sealed class SupportedRangeTests
{
    private static (bool Ok, DateTime Utc, ValidationError? Error) Instant(string text)
    {
        var problems = new Problems();
        var ok = Timestamps.TryParse(text, Loc.Body["t"], problems, out var utc);
        return (ok, utc, Errors(problems).SingleOrDefault());
    }

    private static IReadOnlyList<ValidationError> Errors(Problems problems)
    {
        try { problems.ThrowIfAny(); return []; }
        catch (RequestValidationException e) { return e.Errors; }
    }

    [Theory]
    [InlineData("2000-01-01T00:00:00Z", "2000-01-01T00:00:00")]
    [InlineData("2000-01-01T01:00:00+01:00", "2000-01-01T00:00:00")]
    [InlineData("2100-01-01T00:00:00Z", "2100-01-01T00:00:00")]
    [InlineData("2099-12-31T23:45:00-00:15", "2100-01-01T00:00:00")]
    [InlineData("2026-03-29T01:00:00.1234569Z", "2026-03-29T01:00:00.123456")]
    [InlineData("2026-03-29T01:00:00.123456789012Z", "2026-03-29T01:00:00.123456")]
    public void Instants_at_the_ends_of_the_range_are_accepted_to_the_microsecond(string text, string expected)
    {
        var (ok, utc, _) = Instant(text);
        Assert.True(ok);
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), utc);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("1999-12-31T23:59:59.999999Z")]
    [InlineData("2000-01-01T00:30:00+01:00")]
    [InlineData("2100-01-01T00:00:00.000001Z")]
    [InlineData("9999-12-31T23:45:00Z")]
    [InlineData("9999-12-31T23:59:59-01:00")]
    public void Valid_instants_outside_the_range_are_refused_naming_the_range(string text)
    {
        var (ok, _, error) = Instant(text);
        Assert.False(ok);
        Assert.Contains(SupportedRange.Instants, error!.Msg);
        Assert.DoesNotContain("valid RFC 3339", error.Msg);
    }

    [Theory]
    [InlineData("2026-02-30T00:00:00Z")]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("2026-03-29T24:00:00Z")]
    [InlineData("2026-03-29T01:00:00+25:00")]
    [InlineData("tomorrow")]
    public void Text_that_is_not_RFC_3339_gets_the_format_message(string text) =>
        Assert.Equal("datetime_parsing", Instant(text).Error!.Type);

    [Theory]
    [InlineData("2000-01-01", true)]
    [InlineData("2100-01-01", true)]
    [InlineData("1999-12-31", false)]
    [InlineData("2100-01-02", false)]
    [InlineData("9999-12-31", false)]
    [InlineData("0000-02-29", false)]
    public void Dates_outside_the_range_are_refused_naming_it(string text, bool accepted)
    {
        var problems = new Problems();
        Assert.Equal(accepted, Timestamps.TryParseDate(text, Loc.Body["d"], problems, out _));
        if (!accepted) Assert.Contains(SupportedRange.Dates, Assert.Single(Errors(problems)).Msg);
    }

    [Fact]
    public void Every_delivery_day_of_an_instant_in_range_is_a_date_in_range()
    {
        foreach (var region in new[] { "DE", "PL" })
        {
            Assert.True(SupportedRange.Contains(DeliveryDay.Of(SupportedRange.MinInstant, region)));
            Assert.True(SupportedRange.Contains(DeliveryDay.Of(SupportedRange.MaxInstant, region)));
            var (start, end) = DeliveryDay.Bounds(SupportedRange.MaxDate, region);
            Assert.True(end > start);
        }
    }
}
