using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EligibilityEngine.Grpc.V1;
using EligibilityEngine.Tests.Grpc;
using EligibilityEngine.Tests.Support;
using Grpc.Core;
using OpenQA.Selenium;

namespace EligibilityEngine.Tests.Web;

/// <summary>A host that requires tokens of programs, and whose people sign in at the organisation's identity provider
/// (a real OpenID Connect server, <see cref="OidcProvider"/>).</summary>
public sealed class PersonSignInFixture : IAsyncLifetime
{
    private readonly string _secretFolder = Directory.CreateTempSubdirectory("ee-oidc-").FullName;

    public TestTokens Tokens { get; } = new();
    public OidcProvider Provider { get; private set; } = null!;
    public RunningHost Host { get; private set; } = null!;

    /// <summary>The host as the browser reaches it: by name, so that its cookies are not the provider's (127.0.0.1).</summary>
    public Uri Pages => new($"http://localhost:{Host.JsonAddress.Port}/");

    public async Task InitializeAsync()
    {
        Provider = await OidcProvider.StartAsync();
        var secretFile = Path.Combine(_secretFolder, "client-secret");
        await File.WriteAllTextAsync(secretFile, OidcProvider.ClientSecret + "\n");
        Host = await RunningHost.StartAsync(RepositoryPaths.Rules,
        [
            "--Security:Jwt:Issuer=" + TestTokens.Issuer, "--Security:Jwt:Audience=" + TestTokens.Audience, "--Security:Jwt:JwksFile=" + Tokens.JwksFile,
            "--Web:Contact=de servicedesk Werk en Inkomen",
            .. Provider.HostSettings(secretFile),
        ]);
        Provider.ClientAddress = Pages;
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Provider.DisposeAsync();
        Tokens.Dispose();
        Directory.Delete(_secretFolder, recursive: true);
    }
}

/// <summary>People who sign in: a labour expert signs in at the provider (code flow with PKCE) in a real browser, judges
/// a case, is refused the impact analysis her groups do not give, and signs out here and at the provider.</summary>
[Trait(Category.Name, Category.Browser)]
public sealed class PersonSignInBrowserTests(PersonSignInFixture fixture) : IClassFixture<PersonSignInFixture>
{
    private static readonly string SampleRequest = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "requests", "positief-advies.json"));

    [Fact]
    public async Task A_labour_expert_signs_in_at_the_provider_judges_a_case_is_refused_the_impact_analysis_and_signs_out()
    {
        using var browser = Browser.Start();
        var expert = OidcProvider.Expert;

        // Not signed in: a Dutch page that says how to get in, with 401, not the JSON a program gets.
        browser.Open(new Uri(fixture.Pages, "/casus?voorbeeld=positief-advies"));
        browser.Driver.FindElement(By.TagName("h1")).Text.ShouldBe("Aanmelden");
        browser.Driver.FindElement(By.TagName("main")).Text.ShouldContain("Om casussen te beoordelen meldt u zich aan met het account van uw organisatie");
        browser.Driver.FindElements(By.CssSelector(".uitkomst")).ShouldBeEmpty();
        (await StatusOf("/casus", "text/html,application/xhtml+xml,*/*;q=0.8")).ShouldBe(HttpStatusCode.Unauthorized);
        browser.AccessibilityViolations().ShouldBeEmpty();
        browser.Screenshot("aanmelden-nodig");

        // Signing in: the provider's own login page, then back to the page she asked for.
        browser.ClickToLoad(browser.Driver.FindElement(By.CssSelector("main a.knop")));
        browser.Driver.Url.ShouldStartWith(fixture.Provider.Address + "inloggen");
        browser.Driver.FindElement(By.Id("username")).SendKeys(expert.UserName);
        browser.Driver.FindElement(By.Id("password")).SendKeys(expert.Password);
        browser.ClickToLoad(browser.Driver.FindElement(By.Id("inloggen")));
        browser.Driver.Url.ShouldBe(new Uri(fixture.Pages, "/casus?voorbeeld=positief-advies").ToString());
        browser.Driver.FindElement(By.CssSelector("header .aanmelding")).Text.ShouldContain("Aangemeld als " + expert.Name);
        browser.Driver.FindElement(By.Id("uitkomst-advies")).Text.ShouldContain("positief");

        // Judging the case again is a post: its anti-forgery token belongs to the signed-in person.
        browser.ClickToLoad(browser.Driver.FindElement(By.CssSelector("button.hoofdknop[value=beoordelen]")));
        browser.Driver.FindElement(By.Id("uitkomst-advies")).Text.ShouldContain("positief");
        browser.AccessibilityViolations().ShouldBeEmpty();
        browser.Screenshot("aangemeld-casus");

        // The page's cookie is no credential for the service: neither the JSON API nor gRPC takes it.
        var cookies = string.Join("; ", browser.Driver.Manage().Cookies.AllCookies.Select(c => $"{c.Name}={c.Value}"));
        cookies.ShouldContain("beschutwerk-sessie=");
        using (var http = new HttpClient { BaseAddress = fixture.Pages })
        using (var post = new HttpRequestMessage(HttpMethod.Post, "/v1/beoordelingen") { Content = new StringContent(SampleRequest, Encoding.UTF8, "application/json") })
        {
            post.Headers.Add("Cookie", cookies);
            using var refused = await http.SendAsync(post);
            refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }

        var grpc = await Should.ThrowAsync<RpcException>(() => new EligibilityService.EligibilityServiceClient(fixture.Host.Channel)
            .EvaluateAsync(Google.Protobuf.JsonParser.Default.Parse<EvaluateRequest>(SampleRequest), new Metadata { { "cookie", cookies } }).ResponseAsync);
        grpc.StatusCode.ShouldBe(StatusCode.Unauthenticated);

        // Her groups give beoordelen, not impact: a Dutch 403 that names what is missing and whom to ask.
        browser.Open(new Uri(fixture.Pages, "/regels/verschil"));
        browser.Driver.FindElement(By.TagName("h1")).Text.ShouldBe("Geen toegang");
        var refusal = browser.Driver.FindElement(By.TagName("main")).Text;
        refusal.ShouldContain("U bent aangemeld als " + expert.Name);
        refusal.ShouldContain("impact");
        refusal.ShouldContain("de servicedesk Werk en Inkomen");
        browser.Driver.FindElements(By.CssSelector(".wijziging")).ShouldBeEmpty();
        browser.AccessibilityViolations().ShouldBeEmpty();
        browser.Screenshot("geen-toegang-impact");

        // Signing out ends the session here and at the provider.
        var endSessions = fixture.Provider.EndSessions;
        browser.ClickToLoad(browser.Driver.FindElement(By.CssSelector("header .aanmelding button")));
        browser.Driver.Url.ShouldBe(new Uri(fixture.Pages, "/aanmelden?afgemeld=ja").ToString());
        browser.Driver.FindElement(By.TagName("h1")).Text.ShouldBe("Afgemeld");
        fixture.Provider.EndSessions.ShouldBe(endSessions + 1);
        browser.Driver.Manage().Cookies.AllCookies.ShouldNotContain(c => c.Name == "beschutwerk-sessie");
        browser.AccessibilityViolations().ShouldBeEmpty();
        browser.Screenshot("afgemeld");

        browser.Open(new Uri(fixture.Pages, "/casus"));
        browser.Driver.FindElement(By.TagName("h1")).Text.ShouldBe("Aanmelden");
        browser.Driver.FindElements(By.CssSelector("#casusformulier")).ShouldBeEmpty();
        // The provider's session ended too: signing in asks for the password again.
        browser.ClickToLoad(browser.Driver.FindElement(By.CssSelector("main a.knop")));
        browser.Driver.FindElement(By.Id("password")).Displayed.ShouldBeTrue();
    }

    [Fact]
    public async Task Without_sign_in_a_browser_on_a_host_that_asks_tokens_reads_what_it_asks_and_whom_to_ask()
    {
        // A host of its own without Security:OpenIdConnect, on one small version (the page judges nothing here).
        using var rules = new TempRuleSet().With("2015-01-01.yaml", TempRuleSet.Version(TempRuleSet.Criterion("true")));
        await using var host = await RunningHost.StartAsync(rules.Path, "--Security:Jwt:Issuer=" + TestTokens.Issuer,
            "--Security:Jwt:Audience=" + TestTokens.Audience, "--Security:Jwt:JwksFile=" + fixture.Tokens.JwksFile);
        using var browser = Browser.Start();

        browser.Open(new Uri(host.JsonAddress, "/casus"));

        browser.Driver.FindElement(By.TagName("h1")).Text.ShouldBe("Certificaat of token nodig");
        browser.Driver.FindElement(By.TagName("main")).Text.ShouldContain("Een browser stuurt geen access token mee");
        browser.Driver.FindElements(By.CssSelector("a.knop, header .aanmelding")).ShouldBeEmpty();
        browser.AccessibilityViolations().ShouldBeEmpty();
        browser.Screenshot("certificaat-of-token-nodig");
    }

    [Fact]
    public async Task A_forged_answer_from_the_provider_signs_no_one_in_and_says_so_in_Dutch()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Pages };
        using var forged = await http.GetAsync("/signin-oidc?code=vervalst&state=vervalst");
        forged.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        forged.Headers.Location!.ToString().ShouldBe("/aanmelden?mislukt=ja");
        forged.Headers.TryGetValues("Set-Cookie", out var cookies).ShouldBeFalse(string.Join("; ", cookies ?? []));

        using var page = new HttpRequestMessage(HttpMethod.Get, "/aanmelden?mislukt=ja");
        page.Headers.Accept.ParseAdd("text/html,*/*;q=0.8");
        var text = WebUtility.HtmlDecode(await (await http.SendAsync(page)).Content.ReadAsStringAsync());
        text.ShouldContain("Aanmelden is niet gelukt");
        text.ShouldContain("Aanmelden bij uw organisatie");
    }

    [Fact]
    public async Task A_program_asking_for_json_still_gets_the_problem_json_on_the_pages()
    {
        (await StatusOf("/casus", "application/json")).ShouldBe(HttpStatusCode.Unauthorized);
        using var http = new HttpClient { BaseAddress = fixture.Pages };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/regels/verschil");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/problem+json"));
        using var response = await http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    private async Task<HttpStatusCode> StatusOf(string path, string accept)
    {
        using var http = new HttpClient { BaseAddress = fixture.Pages };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(accept);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
