using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace EligibilityEngine.Host.Json;

/// <summary>
/// The request line and headers a JSON caller may send. Kestrel refuses what is over its own limits with an empty
/// <c>414</c> or <c>431</c> before anything of the host runs (issue #22: no body, nothing to say why); so Kestrel's
/// limits are set to twice these, and what lies between is refused here as problem details in Dutch. Beyond twice,
/// Kestrel's empty answer stands.
/// </summary>
public static class RequestSizeLimits
{
    /// <summary>Kestrel's defaults: a request line (method, target, version) of 8 KB, headers of 32 KB in all.</summary>
    public const int MaxRequestLineBytes = 8 * 1024, MaxHeaderBytes = 32 * 1024;

    public static void Configure(KestrelServerOptions kestrel)
    {
        kestrel.Limits.MaxRequestLineSize = 2 * MaxRequestLineBytes;
        kestrel.Limits.MaxRequestHeadersTotalSize = 2 * MaxHeaderBytes;
    }

    /// <summary>The problem for a request over the limits, or null.</summary>
    public static Problem? Refusal(HttpContext context)
    {
        var request = context.Request;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path + request.QueryString;
        if (request.Method.Length + target.Length + request.Protocol.Length + 2 > MaxRequestLineBytes)
            return Problem.Create(context, StatusCodes.Status414UriTooLong,
                $"Het adres van het verzoek is langer dan {MaxRequestLineBytes / 1024} kB; stuur gegevens in de body.");
        // Each header line as HTTP/1.1 sends it: "name: value" and its line end.
        if (request.Headers.Sum(h => h.Key.Length + 4 + h.Value.Sum(v => v?.Length ?? 0)) > MaxHeaderBytes)
            return Problem.Create(context, StatusCodes.Status431RequestHeaderFieldsTooLarge,
                $"De headers van het verzoek zijn samen groter dan {MaxHeaderBytes / 1024} kB.");
        return null;
    }
}
