using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;

namespace EligibilityEngine.Host.Web;

/// <summary>
/// A page refused to a person in a browser: not the problem JSON a program gets, but the sign-in page
/// (<c>/aanmelden</c>) with 401 (how to get in) or 403 (which right is missing), in Dutch. A program that asks for JSON
/// (Accept without text/html) or calls gRPC gets the refusal as before.
/// </summary>
public static class PageRefusal
{
    private const string Key = "eligibility.page-refusal";
    private const string SignInPage = "/Aanmelden";

    /// <param name="SignInNeeded">Not known (401), rather than known and without the right (403).</param>
    /// <param name="Scope">The scope the page asks.</param>
    /// <param name="ReturnPath">Where the person wanted to go, to return to after signing in.</param>
    public sealed record Refusal(bool SignInNeeded, string? Scope, string ReturnPath);

    /// <summary>A page asked for by a browser (Accept names text/html).</summary>
    public static bool ForPerson(HttpContext context) =>
        RequestKinds.Of(context.Request) == RequestKind.Page
        && context.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is not null
        && MediaTypeHeaderValue.TryParseList(context.Request.Headers.Accept, out var accepted)
        && accepted.Any(a => a.Quality != 0 && a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    /// <summary>The refusal the sign-in page shows, when it is shown for a refused page.</summary>
    public static Refusal? Of(HttpContext context) => context.Items.TryGetValue(Key, out var refusal) ? refusal as Refusal : null;

    /// <summary>Renders the sign-in page for the refused request, with its status; nothing of a posted form is echoed.</summary>
    public static Task WriteAsync(HttpContext context, Refusal refusal)
    {
        context.Items[Key] = refusal;
        return PageEndpoints.RunAsync(context, SignInPage, refusal.SignInNeeded ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden);
    }
}
