using Microsoft.Extensions.Options;

namespace EligibilityEngine.Host.OpenApi;

/// <summary>
/// GET /v1/openapi.json (/core/publish-openapi): open to everyone, and to every origin (CORS *), this document only; and
/// /documentatie, a page that shows the same document to a person (no libraries, nothing fetched from elsewhere).
/// </summary>
public static class OpenApiEndpoint
{
    public const string Path = "/v1/openapi.json";
    public const string PagePath = "/documentatie";

    public static void Map(WebApplication app)
    {
        app.MapGet(Path, (HttpContext context, IOptions<OpenApiOptions> options, RuleLibraryHolder holder) =>
            {
                var document = new OpenApiDocumentBuilder(options.Value, holder.Library).Build($"{context.Request.Scheme}://{context.Request.Host}");
                return Results.Text(document.ToJsonString(), "application/json; charset=utf-8");
            })
            .RequireCors(policy => policy.AllowAnyOrigin().WithMethods("GET"))
            .AllowAnonymous()
            .DisableRateLimiting();

        Web.EmbeddedFiles.Map(app,
        [
            (PagePath, "documentatie/index.html", "text/html; charset=utf-8"),
            (PagePath + "/stijl.css", "documentatie/stijl.css", "text/css; charset=utf-8"),
            (PagePath + "/pagina.js", "documentatie/pagina.js", "text/javascript; charset=utf-8"),
        ]);
    }
}
