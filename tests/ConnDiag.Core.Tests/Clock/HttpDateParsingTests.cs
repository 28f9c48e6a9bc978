using ConnDiag.Clock.Http;

namespace ConnDiag.Core.Tests.Clock;

/// <summary>The three date forms RFC 7231 §7.1.1.1 makes a recipient accept, and values it must refuse.</summary>
public class HttpDateParsingTests
{
    private static readonly DateTimeOffset Expected = new(1994, 11, 6, 8, 49, 37, TimeSpan.Zero);

    [Theory]
    [InlineData("Sun, 06 Nov 1994 08:49:37 GMT")]
    [InlineData("  Sun, 06 Nov 1994 08:49:37 GMT ")]
    [InlineData("Sunday, 06-Nov-94 08:49:37 GMT")]
    [InlineData("Sun Nov  6 08:49:37 1994")]
    public void Parses_IMF_fixdate_RFC_850_and_asctime(string text)
    {
        Assert.True(HttpDate.TryParse(text, out var value));
        Assert.Equal(Expected, value);
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }

    [Fact]
    public void Takes_the_date_even_when_the_weekday_is_wrong()
    {
        Assert.True(HttpDate.TryParse("Mon, 06 Nov 1994 08:49:37 GMT", out var value));
        Assert.Equal(Expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("Sun, 06 Nov 1994 08:49:37 UTC")]
    [InlineData("Sun, 06 Nov 1994 08:49:37 +0000")]
    [InlineData("Sun, 31 Feb 1994 08:49:37 GMT")]
    [InlineData("Sun, 06 Nov 1994 24:00:00 GMT")]
    [InlineData("Sun, 6 Nov 1994 08:49:37 GMT")]
    [InlineData("1994-11-06T08:49:37Z")]
    [InlineData("Sun, 06 Nov 1994 08:49:37 GMT, Sun, 06 Nov 1994 08:49:37 GMT, Sun, 06 Nov 1994 08:49:37 GMT")]
    public void Refuses_anything_else(string text)
    {
        Assert.False(HttpDate.TryParse(text, out _));
    }

    [Fact]
    public void A_leap_second_counts_as_the_last_second_of_its_minute()
    {
        Assert.True(HttpDate.TryParse("Sat, 31 Dec 2016 23:59:60 GMT", out var value));
        Assert.Equal(new DateTimeOffset(2016, 12, 31, 23, 59, 59, TimeSpan.Zero), value);
    }
}
