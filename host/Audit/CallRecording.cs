using System.Diagnostics;
using System.Security.Claims;
using EligibilityEngine.Audit;
using EligibilityEngine.Host.Security;
using EligibilityEngine.Host.Services;

namespace EligibilityEngine.Host.Audit;

/// <summary>What a call tells the audit log: gRPC or JSON, the caller (certificate OIN, token <c>client_id</c>, and the
/// ZGW claims <c>user_id</c> and <c>user_representation</c> when the token carries them) and the trace context.</summary>
public static class CallRecording
{
    /// <summary>
    /// The caller's operation from its W3C <c>traceparent</c>: the standard's <c>foreign_operation</c>. A header that
    /// is not valid Trace Context is ignored for linking (said at Debug, without its value) and never fails the call.
    /// </summary>
    public static ActivityContext? ForeignOperation(HttpContext http, ILogger logger)
    {
        var header = http.Request.Headers.TraceParent;
        if (header.Count == 0) return null;
        if (ActivityContext.TryParse(header, http.Request.Headers.TraceState, isRemote: true, out var parsed)) return parsed;
        logger.LogDebug("A traceparent that is not W3C Trace Context was ignored: the decision is recorded without a foreign operation");
        return null;
    }

    /// <param name="foreign">The caller's operation (<see cref="ForeignOperation"/>).</param>
    public static RecordingContext Context(HttpContext http, Activity? span, ActivityContext? foreign, DateTimeOffset receivedAt, DataSubject? subject)
    {
        var caller = Caller(http);
        var entity = EligibilityEngine.Audit.ForeignOperation.CallerEntity(caller, Claim(http.User, "iss"));
        return new RecordingContext(RequestKinds.Of(http.Request) == RequestKind.Grpc ? "grpc" : "json", caller, receivedAt, TraceIds.Of(span, foreign, entity), subject);
    }

    /// <summary>Who is calling, as the record names it.</summary>
    public static RecordedCaller Caller(HttpContext http)
    {
        var user = http.User;
        return new RecordedCaller(OrganisationIdentity.Of(http), Claim(user, "client_id"), Claim(user, "user_id"), Claim(user, "user_representation"));
    }

    // An empty claim names no one: two tokens with an empty client_id are not the same caller.
    private static string? Claim(ClaimsPrincipal user, string type) => user.FindFirst(type)?.Value is { Length: > 0 } value ? value : null;
}
