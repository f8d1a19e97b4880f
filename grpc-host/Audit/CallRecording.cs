using System.Diagnostics;
using System.Security.Claims;
using EligibilityEngine.Audit;
using EligibilityEngine.GrpcHost.Security;
using EligibilityEngine.GrpcHost.Services;

namespace EligibilityEngine.GrpcHost.Audit;

/// <summary>What a call tells the audit log: gRPC or JSON, the caller (certificate OIN, token <c>client_id</c>, and the
/// ZGW claims <c>user_id</c> and <c>user_representation</c> when the token carries them) and the trace context.</summary>
public static class CallRecording
{
    public static RecordingContext Context(HttpContext http, Activity? span, DateTimeOffset receivedAt, DataSubject? subject)
    {
        var user = http.User;
        var caller = new RecordedCaller(OrganisationIdentity.Of(http), Claim(user, "client_id"), Claim(user, "user_id"), Claim(user, "user_representation"));
        ActivityContext? foreign = ActivityContext.TryParse(http.Request.Headers.TraceParent, http.Request.Headers.TraceState, isRemote: true, out var parsed)
            ? parsed : null;
        return new RecordingContext(GrpcRequests.IsGrpc(http.Request) ? "grpc" : "json", caller, receivedAt, TraceIds.Of(span, foreign), subject);
    }

    private static string? Claim(ClaimsPrincipal user, string type) => user.FindFirst(type)?.Value;
}
