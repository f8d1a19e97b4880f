using System.Globalization;
using EligibilityEngine.Host.Web.Forms;
using EligibilityEngine.Text;
using Microsoft.AspNetCore.Http.Features;

namespace EligibilityEngine.Host.Web;

/// <summary>
/// A posted form is read before the page runs, up to what a case can hold (<see cref="CaseForm.MaxPostedValues"/>
/// values, and the JSON port's body bound). A post beyond that cannot be a case the rules judge, and is answered with a
/// Dutch page that says why and how to go on, not the bare "Ongeldige invoer." the framework's refusal became: a
/// person must know what happened to what they typed (issue #22).
/// </summary>
public static class UnreadableForm
{
    public static void Configure(FormOptions options) => options.ValueCountLimit = CaseForm.MaxPostedValues;

    public static async Task ReadFirst(HttpContext context, RequestDelegate next)
    {
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType
            && context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor>() is not null)
        {
            try
            {
                // Read once here; the anti-forgery check and the page take the same form from the request.
                await context.Request.ReadFormAsync(context.RequestAborted);
            }
            catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                await Refuse(context);
                return;
            }
        }

        await next(context);
    }

    private static async Task Refuse(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(Page, context.RequestAborted);
    }

    /// <summary>The page, in the pages' own style; nothing of the post is repeated in it.</summary>
    public static string Page { get; } = string.Format(CultureInfo.InvariantCulture, """
        <!DOCTYPE html>
        <html lang="nl">
        <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Formulier te groot — Beschut werk</title>
            <link rel="stylesheet" href="/assets/stijl.css">
        </head>
        <body>
        <main id="inhoud">
            <h1>Het formulier is te groot om te lezen</h1>
            <p>Een casus heeft ten hoogste {0} gebeurtenissen en {0} regels met dienstbetrekkingen, en een casusbestand
                is ten hoogste {1} kB; wat u verstuurde was groter dan dat, en is daarom niet gelezen en niet beoordeeld.
                Er is niets opgeslagen.</p>
            <p>Ga met de knop <strong>Terug</strong> van uw browser terug naar het formulier. Haal gebeurtenissen of regels
                weg die er niet toe doen, of sla de casus op als bestand en laad een kleinere versie.</p>
            <p><a href="/casus">Een nieuwe casus beginnen</a></p>
        </main>
        </body>
        </html>
        """, DutchFormat.Number(CaseForm.MaxRows), CasusModel.MaxFileBytes / 1024);
}
