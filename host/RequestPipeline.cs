namespace EligibilityEngine.Host;

/// <summary>
/// The request pipeline branches once, on <see cref="RequestKind"/>: a gRPC call passes the security middleware and the
/// unary message check; a JSON API request the response headers of the API Design Rules, problem responses, the
/// security middleware and the JSON body checks; a page for a person the same response headers, Dutch error pages, the
/// security middleware and the form check. Every branch then reaches the same endpoints, so no middleware needs to ask
/// what kind of request it has.
/// </summary>
public static class RequestPipeline
{
    public static void Use(IApplicationBuilder app, int maxBytes) =>
        app.Use(endpoints =>
        {
            var grpc = app.New();
            Security.SecuritySetup.Use(grpc);
            grpc.UseMiddleware<Services.UnaryMessageCheckMiddleware>(maxBytes);
            grpc.Run(endpoints);

            var jsonApi = app.New();
            jsonApi.UseMiddleware<Json.ResponseHeadersMiddleware>();
            jsonApi.UseMiddleware<Json.ProblemResponseMiddleware>();
            Security.SecuritySetup.Use(jsonApi);
            jsonApi.UseMiddleware<Json.JsonRequestMiddleware>(maxBytes);
            jsonApi.Run(endpoints);

            var pages = app.New();
            pages.UseMiddleware<Json.ResponseHeadersMiddleware>();
            pages.UseMiddleware<Web.ErrorPageMiddleware>();
            Security.SecuritySetup.Use(pages);
            pages.Use(Web.UnreadableForm.ReadFirst);
            pages.Run(endpoints);

            RequestDelegate toGrpc = grpc.Build(), toJsonApi = jsonApi.Build(), toPages = pages.Build();
            return context => RequestKinds.Of(context.Request) switch
            {
                RequestKind.Grpc => toGrpc(context),
                RequestKind.JsonApi => toJsonApi(context),
                _ => toPages(context),
            };
        });
}
