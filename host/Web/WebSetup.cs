namespace EligibilityEngine.Host.Web;

/// <summary>
/// The pages for people, served by the host itself (no second service), server-rendered with Razor Pages, every asset
/// from the host (nothing from elsewhere, for closed government networks). Pages only render what the service gives.
/// </summary>
public static class WebSetup
{
    // The pages are compiled into this assembly; named, so that a host started by another program (the tests) finds them too.
    public static void AddServices(WebApplicationBuilder builder)
    {
        builder.Services.Configure<WebOptions>(builder.Configuration.GetSection(WebOptions.Section));
        builder.Services.AddSingleton<SampleCases>();
        builder.Services.AddSingleton<Municipalities>();
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(UnreadableForm.Configure);
        builder.Services.AddRazorPages(options =>
        {
            options.RootDirectory = "/Web/Pages";
            // Reading the law is open, like the OpenAPI page. Judging cases is the service's capability and asks its scopes:
            // of a person signed in at the identity provider where Security:OpenIdConnect is set, otherwise what the
            // methods ask (on an open host nothing, with mTLS the person's certificate, with tokens a token, which a
            // browser does not send: there the page says how to get in rather than opening up).
            options.Conventions.AuthorizeFolder("/", Security.PersonSignIn.EveryPagePolicy);
            options.Conventions.AuthorizePage("/Casus", Security.PersonSignIn.PagePolicy(Security.Scopes.Evaluate));
            options.Conventions.AuthorizePage("/Verschil", Security.PersonSignIn.PagePolicy(Security.Scopes.Impact));
        }).AddApplicationPart(typeof(WebSetup).Assembly);
    }

    public static void Map(WebApplication app)
    {
        app.MapRazorPages();
        // Signing in is a link (the refusal page's button, the header), so a GET: it sends the person to the provider,
        // which comes back to where they were going (a path on this host only).
        app.MapGet("/aanmelden/start", (string? terug, Microsoft.Extensions.Options.IOptions<Security.SecurityOptions> security) =>
            security.Value.PeopleSignIn
                ? Results.Challenge(new Microsoft.AspNetCore.Authentication.AuthenticationProperties { RedirectUri = Security.PersonSignIn.LocalPath(terug) },
                    [Security.PersonSignIn.ProviderScheme])
                : Results.LocalRedirect("/aanmelden"));
        EmbeddedFiles.Map(app, [("/assets/stijl.css", "assets/stijl.css", "text/css; charset=utf-8"),
            ("/assets/formulier.js", "assets/formulier.js", "text/javascript; charset=utf-8")]);
    }
}
