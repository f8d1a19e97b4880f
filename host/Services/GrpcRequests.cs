namespace EligibilityEngine.Host.Services;

/// <summary>Tells gRPC calls from the JSON side's requests, for the middleware that treats them differently.</summary>
public static class GrpcRequests
{
    /// <summary>application/grpc, application/grpc+proto, …</summary>
    public static bool IsGrpc(HttpRequest request) => request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true;
}
