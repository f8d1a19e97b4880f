using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EligibilityEngine.Host.Web;

/// <summary>Renders one of the host's own pages in place of the page asked for (a refusal, an error), with its status.</summary>
public static class PageEndpoints
{
    /// <param name="viewEnginePath">The page, as Razor names it (e.g. <c>/Aanmelden</c>).</param>
    public static Task RunAsync(HttpContext context, string viewEnginePath, int status)
    {
        var page = context.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints
            .First(e => e.Metadata.GetMetadata<PageActionDescriptor>()?.ViewEnginePath == viewEnginePath);
        context.SetEndpoint(page);
        context.Request.RouteValues = new RouteValueDictionary { ["page"] = viewEnginePath };
        context.Response.StatusCode = status;
        return page.RequestDelegate!(context);
    }
}
