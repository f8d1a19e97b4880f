using EligibilityEngine.Host.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace EligibilityEngine.Host.Web;

/// <summary>
/// How a person gets in: shown on its own (<c>/aanmelden</c>), after signing out or a failed sign-in, and in place of a
/// page that was refused (<see cref="PageRefusal"/>, with 401 or 403). With <c>Security:OpenIdConnect</c> it offers to
/// sign in at the organisation's identity provider; without, it says what this host asks (a certificate, a token) and whom to ask.
/// </summary>
[IgnoreAntiforgeryToken] // It stands in for a refused post, whose token belonged to that page.
public sealed class AanmeldenModel(IOptions<SecurityOptions> security, IOptions<WebOptions> web) : PageModel
{
    public enum State { Info, SignInNeeded, Forbidden, SignedOut, Failed }

    public State Shown { get; private set; }

    public SecurityOptions Security => security.Value;

    public string Contact => web.Value.Contact;

    public string ReturnPath { get; private set; } = "/";

    /// <summary>The scope the refused page asks.</summary>
    public string? Scope { get; private set; }

    /// <summary>The signed-in person's name, if any.</summary>
    public string? PersonName { get; private set; }

    public string SignInLink => "/aanmelden/start?terug=" + Uri.EscapeDataString(ReturnPath);

    /// <summary>What a scope lets a person do, in the page's words ("om … te …").</summary>
    public static string Capability(string? scope) => scope switch
    {
        Scopes.Evaluate => "casussen te beoordelen",
        Scopes.Impact => "te berekenen welke beslissingen een wetswijziging verandert (impactanalyse)",
        Scopes.ReadRuleSets => "de regelsets te lezen",
        Scopes.ReadAudit => "het auditlog te lezen",
        _ => "deze pagina te openen",
    };

    public Task OnGetAsync(string? afgemeld, string? mislukt) => Load(afgemeld is not null, mislukt is not null);

    public Task OnPostAsync() => Load(signedOut: false, failed: false);

    private async Task Load(bool signedOut, bool failed)
    {
        if (PageRefusal.Of(HttpContext) is { } refusal)
        {
            Shown = refusal.SignInNeeded ? State.SignInNeeded : State.Forbidden;
            Scope = refusal.Scope;
            ReturnPath = refusal.ReturnPath;
        }
        else
        {
            Shown = signedOut ? State.SignedOut : failed ? State.Failed : State.Info;
        }

        if (Security.PeopleSignIn && (await HttpContext.AuthenticateAsync(PersonSignIn.CookieScheme)).Principal is { Identity.IsAuthenticated: true } person)
            PersonName = person.Identity!.Name;
    }
}
