namespace EligibilityEngine.Host.Web;

/// <summary>
/// On the pages' branch of the pipeline (<see cref="RequestPipeline"/>): an error without a body of its own (a page
/// that does not exist, a request too large, a failure inside) is answered with a Dutch page in the pages' own layout
/// (<c>Fout</c>), with its status, where a program calling the JSON API gets problem details. A page that already
/// wrote its answer (the sign-in page for a refused page, the page for a form too large) passes as it is.
/// </summary>
public sealed class ErrorPageMiddleware(RequestDelegate next, ILogger<ErrorPageMiddleware> logger)
{
    private const string Key = "eligibility.error-page";
    private const string ErrorPage = "/Fout";

    /// <param name="Status">The HTTP status of the answer.</param>
    /// <param name="Detail">What went wrong with this request, in Dutch, if more than the status says.</param>
    public sealed record PageError(int Status, string? Detail);

    /// <summary>The error the page shows, when it is shown for an error.</summary>
    public static PageError? Of(HttpContext context) => context.Items.TryGetValue(Key, out var error) ? error as PageError : null;

    public async Task InvokeAsync(HttpContext context)
    {
        if (Json.RequestSizeLimits.Refusal(context) is { } tooLarge)
        {
            await WriteAsync(context, new PageError(tooLarge.Status, tooLarge.Detail));
            return;
        }

        try
        {
            await next(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            // The exception's type only: its message may quote what a person typed.
            logger.LogError("Unhandled {ExceptionType} on a page; answered 500", ex.GetType().Name);
            context.Response.Clear();
            await WriteAsync(context, new PageError(StatusCodes.Status500InternalServerError, null));
            return;
        }

        if (context.Response.StatusCode >= 400 && !context.Response.HasStarted && Of(context) is null)
            await WriteAsync(context, new PageError(context.Response.StatusCode, null));
    }

    private static Task WriteAsync(HttpContext context, PageError error)
    {
        context.Items[Key] = error;
        return PageEndpoints.RunAsync(context, ErrorPage, error.Status);
    }
}
