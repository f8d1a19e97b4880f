using Microsoft.Extensions.Options;

namespace EligibilityEngine.GrpcHost.OpenApi;

/// <summary>GET /v1/openapi.json (/core/publish-openapi): open to everyone, and to every origin (CORS *), this document only.</summary>
public static class OpenApiEndpoint
{
    public const string Path = "/v1/openapi.json";

    public static void Map(WebApplication app) =>
        app.MapGet(Path, (HttpContext context, IOptions<OpenApiOptions> options) =>
            {
                var document = new OpenApiDocumentBuilder(options.Value).Build($"{context.Request.Scheme}://{context.Request.Host}");
                return Results.Text(document.ToJsonString(), "application/json; charset=utf-8");
            })
            .RequireCors(policy => policy.AllowAnyOrigin().WithMethods("GET"))
            .AllowAnonymous()
            .DisableRateLimiting();
}
