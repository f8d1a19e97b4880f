using EligibilityEngine.Tests.Grpc;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Web;

/// <summary>The page offers today's date in the Netherlands as the peildatum, read from the host's one clock: a host
/// running in UTC must not offer yesterday just after midnight.</summary>
[Trait(Category.Name, Category.Process)]
public sealed class PageClockTests
{
    [Theory]
    [InlineData("2026-12-31T23:30:00Z", "2027-01-01")] // winter: UTC+1
    [InlineData("2027-06-30T22:15:00Z", "2027-07-01")] // summer: UTC+2
    [InlineData("2027-06-30T21:59:00Z", "2027-06-30")]
    public async Task The_form_offers_the_dutch_date_of_the_hosts_clock_as_peildatum(string utcNow, string dutchDate)
    {
        await using var host = await RunningHost.StartAtAsync(new FixedTime(DateTimeOffset.Parse(utcNow, System.Globalization.CultureInfo.InvariantCulture)));
        using var http = host.CreateHttp(null);

        var html = await http.GetStringAsync("/casus");

        html.ShouldContain($"name=\"as_of\" value=\"{dutchDate}\"");
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
