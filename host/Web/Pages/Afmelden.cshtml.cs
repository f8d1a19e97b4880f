using EligibilityEngine.Host.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace EligibilityEngine.Host.Web;

/// <summary>Signing out: the pages' cookie here, then the session at the identity provider (OpenID Connect end session),
/// which sends the person back to <c>/aanmelden?afgemeld=ja</c>. A post with the anti-forgery token only: no other site
/// can sign a person out.</summary>
public sealed class AfmeldenModel(IOptions<SecurityOptions> security) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/aanmelden");

    public IActionResult OnPost() => security.Value.PeopleSignIn
        ? SignOut(new AuthenticationProperties { RedirectUri = PersonSignIn.SignedOutPath }, PersonSignIn.CookieScheme, PersonSignIn.ProviderScheme)
        : LocalRedirect("/aanmelden");
}
