using EligibilityEngine.Host.Security;
using Microsoft.Extensions.Options;

namespace EligibilityEngine.Host.Json;

/// <summary>
/// The headers the NL GOV API Design Rules ask on every response of the JSON side (`/core/version-header`,
/// `/core/transport/security-headers`), also on errors: the API version, no caching of decisions about a person, no
/// sniffing, no framing (and for a page: nothing loaded from elsewhere), no referrer, and over TLS HSTS. On the JSON API's and the pages' branches of the pipeline (<see cref="RequestPipeline"/>): gRPC
/// responses are left as they are.
/// </summary>
public sealed class ResponseHeadersMiddleware(RequestDelegate next, IOptions<SecurityOptions> security)
{
    /// <summary>The version of the JSON API's contract (semver); it changes with the contract, not with the rules.</summary>
    public const string ApiVersion = "1.0.0";

    /// <summary>The Content-Security-Policy of an HTML page.</summary>
    public const string HtmlPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The pages' sign-out form leads on to the identity provider (OpenID Connect end session), which the
    /// policy's form-action must allow; nothing else changes.</summary>
    private readonly string _htmlPolicy = PersonSignIn.ProviderOrigin(security.Value) is { } provider
        ? HtmlPolicy.Replace("form-action 'self'", "form-action 'self' " + provider, StringComparison.Ordinal)
        : HtmlPolicy;

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers["API-Version"] = ApiVersion;
            headers.CacheControl = "no-store";
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            // A page may load its own script, style and data, nothing else, and no one may frame it.
            headers.ContentSecurityPolicy = context.Response.ContentType?.StartsWith("text/html", StringComparison.Ordinal) == true
                ? _htmlPolicy
                : "frame-ancestors 'none'";
            headers["Referrer-Policy"] = "no-referrer";
            // Browsers that saw this over TLS keep to TLS for this host for a year.
            if (context.Request.IsHttps) headers.StrictTransportSecurity = "max-age=31536000";
            return Task.CompletedTask;
        });

        return next(context);
    }
}
