using EligibilityEngine.Host.Json;
using Grpc.Core;

namespace EligibilityEngine.Host.Security;

/// <summary>
/// Refuses a call before it reaches the service (authentication, authorisation, rate limit) in the caller's own terms:
/// a gRPC status in a trailers-only response, or problem details on the JSON side.
/// </summary>
public static class CallRefusal
{
    public static Task WriteAsync(HttpContext context, int httpStatus, StatusCode grpcStatus, string detail)
    {
        if (RequestKinds.Of(context.Request) != RequestKind.Grpc)
            return Problem.Create(context, httpStatus, detail, Problem.CodeName(grpcStatus)).WriteAsync(context);

        // gRPC answers with HTTP 200 and the status in the headers of a response without a body (trailers-only).
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-status"] = ((int)grpcStatus).ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers["grpc-message"] = PercentEncode(detail);
        return Task.CompletedTask;
    }

    // The gRPC spec's percent-encoding of grpc-message: printable ASCII except '%' as is, every other byte as %XX.
    private static string PercentEncode(string message)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(message))
            builder.Append(b is >= 0x20 and <= 0x7E and not (byte)'%' ? ((char)b).ToString() : $"%{b:X2}");
        return builder.ToString();
    }
}
