using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;

namespace EligibilityEngine.Host.Json;

/// <summary>
/// The methods the routes at a path answer, so that a method a route does not take is <c>405</c> with <c>Allow</c>
/// (RFC 9110 §15.5.6), not a <c>404</c> that says the resource does not exist (issue #22: DELETE and PUT on
/// <c>/v1/beoordelingen</c> answered 404). Asked only when routing found nothing; only routes that start with a fixed
/// segment count, so gRPC's catch-all for unknown services does not make every path a POST route.
/// </summary>
public static class AllowedMethods
{
    public static IReadOnlyList<string> At(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        return context.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.PathSegments is [{ Parts: [RoutePatternLiteralPart, ..] }, ..]
                        && new TemplateMatcher(new RouteTemplate(e.RoutePattern), []).TryMatch(path, []))
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
    }
}
