using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EligibilityEngine.Host.Web;

/// <summary>
/// What a person reads when a page cannot be given (<see cref="ErrorPageMiddleware"/>): what happened in plain Dutch,
/// and where to go on. Asked for by its own address, it is a page that does not exist.
/// </summary>
[IgnoreAntiforgeryToken] // It stands in for a failed post, whose token belonged to that page.
public sealed class FoutModel : PageModel
{
    public ErrorPageMiddleware.PageError Error { get; private set; } = null!;

    /// <summary>The page's heading for the status.</summary>
    public string Title => Error.Status switch
    {
        StatusCodes.Status400BadRequest => "Het verzoek kan niet worden gelezen",
        StatusCodes.Status404NotFound => "Deze pagina bestaat niet",
        StatusCodes.Status405MethodNotAllowed => "Deze pagina kan zo niet worden geopend",
        StatusCodes.Status413PayloadTooLarge or StatusCodes.Status414UriTooLong or StatusCodes.Status431RequestHeaderFieldsTooLarge
            => "Het verzoek is te groot",
        StatusCodes.Status429TooManyRequests => "Te veel verzoeken",
        >= 500 => "Er ging iets mis",
        _ => "Deze pagina kan niet worden gegeven",
    };

    /// <summary>What happened and what to do, when the status needs more than its heading.</summary>
    public string Explanation => Error.Detail ?? Error.Status switch
    {
        StatusCodes.Status400BadRequest => "Wat de browser stuurde, kon deze pagina niet lezen: bijvoorbeeld een formulier dat te lang openstond "
            + "of niet van deze pagina kwam. Open de pagina opnieuw en vul het formulier opnieuw in; er is niets beoordeeld of opgeslagen.",
        StatusCodes.Status404NotFound => $"Op het adres {Request.Path} staat geen pagina. Kies hierboven een pagina uit het menu.",
        StatusCodes.Status405MethodNotAllowed => "Open de pagina via het menu hierboven.",
        StatusCodes.Status429TooManyRequests => "Deze installatie kreeg in korte tijd te veel verzoeken. Wacht even en probeer het opnieuw.",
        >= 500 => "Er ging iets mis bij het maken van deze pagina; wat u had ingevuld, is niet bewaard. Probeer het later opnieuw.",
        _ => $"De pagina kan niet worden gegeven (HTTP-status {Error.Status}).",
    };

    public IActionResult OnGet() => Show();

    public IActionResult OnPost() => Show();

    private IActionResult Show()
    {
        if (ErrorPageMiddleware.Of(HttpContext) is not { } error) return NotFound();
        Error = error;
        return Page();
    }
}
