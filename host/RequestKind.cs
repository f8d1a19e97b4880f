namespace EligibilityEngine.Host;

/// <summary>Whom a request is for. <see cref="RequestPipeline"/> branches on it once; the few places that answer in the
/// caller's own terms (a refusal, a record's channel) read the same classification.</summary>
public enum RequestKind
{
    /// <summary>A program calling over gRPC (application/grpc…).</summary>
    Grpc,

    /// <summary>A program calling the JSON API (<c>/v1/…</c>, <c>/health</c>).</summary>
    JsonApi,

    /// <summary>A person in a browser: the pages, their assets, the documentation, signing in.</summary>
    Page,
}

public static class RequestKinds
{
    public static RequestKind Of(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true ? RequestKind.Grpc
        : request.Path.StartsWithSegments(JsonApiPrefix) || request.Path.StartsWithSegments(HealthEndpoint.Path) ? RequestKind.JsonApi
        : RequestKind.Page;

    /// <summary>The JSON API's version prefix (API Design Rules /core/uri-version): every route of the API lies under it.</summary>
    public const string JsonApiPrefix = "/v1";
}
