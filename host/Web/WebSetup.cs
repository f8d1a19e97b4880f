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
            // Reading the law is open, like the OpenAPI page. Judging cases is the service's capability and asks what its
            // methods ask: on an open host nothing, with mTLS the person's certificate (which a browser can present), with
            // tokens a token, which a browser does not send: there the page is refused rather than opened up.
            options.Conventions.AuthorizePage("/Casus", Security.ScopeRequirement.PolicyName(Security.Scopes.Evaluate));
            options.Conventions.AuthorizePage("/Verschil", Security.ScopeRequirement.PolicyName(Security.Scopes.Impact));
        }).AddApplicationPart(typeof(WebSetup).Assembly);
    }

    public static void Map(WebApplication app)
    {
        app.Use(UnreadableForm.ReadFirst);
        app.MapRazorPages();
        EmbeddedFiles.Map(app, [("/assets/stijl.css", "assets/stijl.css", "text/css; charset=utf-8"),
            ("/assets/formulier.js", "assets/formulier.js", "text/javascript; charset=utf-8")]);
    }
}
