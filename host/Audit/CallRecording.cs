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
    public static RecordingContext Context(HttpContext http, Activity? span, DateTimeOffset receivedAt, DataSubject? subject)
    {
        ActivityContext? foreign = ActivityContext.TryParse(http.Request.Headers.TraceParent, http.Request.Headers.TraceState, isRemote: true, out var parsed)
            ? parsed : null;
        return new RecordingContext(GrpcRequests.IsGrpc(http.Request) ? "grpc" : "json", Caller(http), receivedAt, TraceIds.Of(span, foreign), subject);
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
