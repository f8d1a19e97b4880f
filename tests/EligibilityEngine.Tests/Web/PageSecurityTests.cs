using System.Net;
using System.Text.RegularExpressions;
using EligibilityEngine.Host.Json;
using EligibilityEngine.Tests.Grpc;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Web;

/// <summary>What the pages promise a closed government network: no script but the host's own files, no framing, no
/// referrer, nothing cached, and no post accepted without the anti-forgery token of a page the host served.</summary>
[Trait(Category.Name, Category.Process)]
public sealed class PageSecurityTests(RunningHost host) : IClassFixture<RunningHost>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/casus?voorbeeld=positief-advies")]
    [InlineData("/regels/verschil")]
    public async Task Every_page_has_the_security_headers_and_loads_nothing_from_elsewhere(string path)
    {
        using var http = host.CreateHttp(null);
        using var page = await http.GetAsync(path);

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Headers.GetValues("Content-Security-Policy").Single().ShouldBe(ResponseHeadersMiddleware.HtmlPolicy);
        ResponseHeadersMiddleware.HtmlPolicy.ShouldContain("form-action 'self'");
        page.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        page.Headers.GetValues("Referrer-Policy").Single().ShouldBe("no-referrer");
        page.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var html = await page.Content.ReadAsStringAsync();
        var scripts = Scripts().Matches(html).Select(m => m.Groups["src"].Value).ToList();
        scripts.Count.ShouldBe(Regex.Count(html, "<script", RegexOptions.IgnoreCase), "no inline script");
        scripts.ShouldAllBe(src => src.StartsWith('/'), "every script is the host's own file");
        Links().Matches(html).Select(m => m.Groups["href"].Value).ShouldAllBe(href => href.StartsWith('/'), "every style sheet is the host's own file");
    }

    [Fact]
    public async Task A_post_without_the_anti_forgery_token_is_refused_and_judges_nothing()
    {
        using var http = host.CreateHttp(null);
        using var post = await http.PostAsync("/casus", new FormUrlEncodedContent(
            [new("as_of", "2018-03-01"), new("person.has_work_capacity", "true"), new("actie", "beoordelen")]));

        post.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await post.Content.ReadAsStringAsync();
        page.ShouldNotContain("uitkomst");
        page.ShouldContain("<h1>Het verzoek kan niet worden gelezen</h1>");
        page.ShouldContain("er is niets beoordeeld of opgeslagen");
    }

    private static Regex Scripts() => new("<script[^>]*?src=\"(?<src>[^\"]+)\"[^>]*>", RegexOptions.IgnoreCase);

    private static Regex Links() => new("<link[^>]*?href=\"(?<href>[^\"]+)\"[^>]*>", RegexOptions.IgnoreCase);
}
