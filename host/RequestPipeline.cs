using EligibilityEngine.Host.Services;

namespace EligibilityEngine.Host;

/// <summary>
/// The request pipeline branches once, on the kind of request: a gRPC call (application/grpc…) passes the security
/// middleware and the unary message check; every other request (the JSON API, the pages, the documentation) passes
/// the response headers of the API Design Rules, problem responses, the security middleware and the JSON body checks.
/// Both branches then reach the same endpoints, so no middleware needs to ask what kind of request it has.
/// </summary>
public static class RequestPipeline
{
    public static void Use(IApplicationBuilder app, int maxBytes) =>
        app.Use(endpoints =>
        {
            var grpc = app.New();
            Security.SecuritySetup.Use(grpc);
            grpc.UseMiddleware<UnaryMessageCheckMiddleware>(maxBytes);
            grpc.Run(endpoints);

            var http = app.New();
            http.UseMiddleware<Json.ResponseHeadersMiddleware>();
            http.UseMiddleware<Json.ProblemResponseMiddleware>();
            Security.SecuritySetup.Use(http);
            http.UseMiddleware<Json.JsonRequestMiddleware>(maxBytes);
            http.Run(endpoints);

            RequestDelegate toGrpc = grpc.Build(), toHttp = http.Build();
            return context => GrpcRequests.IsGrpc(context.Request) ? toGrpc(context) : toHttp(context);
        });
}
