using AssetService.Core.Common;

namespace AssetService.Tests.Common;

public sealed class DeliveryDayTests
{
    private static DateTime Utc(string text) => DateTime.SpecifyKind(DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);

    [Theory]
    [InlineData("2026-01-15T22:45:00", "DE", "2026-01-15")]
    [InlineData("2026-01-15T23:00:00", "DE", "2026-01-16")] // winter: 23:00Z is the next day
    [InlineData("2026-07-15T21:45:00", "DE", "2026-07-15")]
    [InlineData("2026-07-15T22:00:00", "DE", "2026-07-16")] // summer: 22:00Z is the next day
    [InlineData("2026-01-15T23:00:00", "PL", "2026-01-16")]
    [InlineData("2026-07-15T22:00:00", "PL", "2026-07-16")]
    public void A_slot_belongs_to_the_market_date_of_its_start(string startUtc, string region, string day) =>
        Assert.Equal(DateOnly.Parse(day), DeliveryDay.Of(Utc(startUtc), region));

    [Theory]
    [InlineData("2026-03-29", 92)]
    [InlineData("2026-10-25", 100)]
    [InlineData("2026-06-01", 96)]
    public void Dst_days_hold_92_or_100_quarter_hours(string day, int slots)
    {
        var (start, end) = DeliveryDay.Bounds(DateOnly.Parse(day), "DE");
        Assert.Equal(slots, (int)((end - start) / QuarterHour.Length));
    }

    [Theory]
    [InlineData("2026-03-29T01:00:00", true)]
    [InlineData("2026-03-29T01:15:00", true)]
    [InlineData("2026-03-29T01:10:00", false)]
    [InlineData("2026-03-29T01:15:01", false)]
    public void Slots_start_on_a_quarter_hour(string startUtc, bool valid) =>
        Assert.Equal(valid, QuarterHour.IsStart(Utc(startUtc)));
    // The site and inverter limit windows count delivery days in the German zone before the site is
    // read (LimitWindowQuery): right for Polish sites only while both zones change their clocks at the
    // same instants, which this checks for every year the service supports.
    [Fact]
    public void Berlin_and_Warsaw_begin_their_delivery_days_at_the_same_instants_over_the_supported_range()
    {
        for (var day = new DateOnly(1999, 1, 1); day.Year <= 2100; day = day.AddDays(1))
            Assert.Equal(DeliveryDay.Bounds(day, "DE"), DeliveryDay.Bounds(day, "PL"));
    }

    [Theory]
    [InlineData("2026-09-30T22:00:00", "2026-10-31T23:00:00", 31)]
    [InlineData("2026-09-30T22:00:00", "2026-10-31T23:00:01", 32)]
    [InlineData("2026-09-30T22:00:01", "2026-10-31T23:00:00", 30)]
    [InlineData("2026-03-22T23:00:00", "2026-03-29T22:00:00", 7)]
    public void Delivery_days_beginning_in_a_window_are_counted_in_the_market_zone(string fromUtc, string toUtc, int days) =>
        Assert.Equal(days, DeliveryDay.CountBeginning(Utc(fromUtc), Utc(toUtc), "DE", 40));
}
