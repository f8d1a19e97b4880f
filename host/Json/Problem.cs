using System.Text.Json;
using System.Text.Json.Serialization;
using EligibilityEngine.Facts;
using Google.Rpc;
using Grpc.Core;

namespace EligibilityEngine.Host.Json;

/// <summary>
/// An error on the JSON side as problem details (RFC 9457, NL GOV API Design Rules /core/error-handling): a Dutch
/// title per HTTP status, what went wrong with this request, and for invalid input every bad field at once in
/// <c>invalidParams</c> (the shape the Haal Centraal APIs use). gRPC callers get the same error as google.rpc.Status.
/// </summary>
public sealed record Problem(
    string Type,
    string Title,
    int Status,
    string Detail,
    string Instance,
    string? Code,
    IReadOnlyList<InvalidParam>? InvalidParams)
{
    public const string ContentType = "application/problem+json";

    /// <summary>The detail of every server error: what failed inside is not the caller's to read.</summary>
    public const string ServerErrorDetail = "Er ging iets mis bij het verwerken van dit verzoek. Probeer het later opnieuw.";

    // Quotes as quotes: the body is JSON for a program or a person, never HTML.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The Dutch title of an HTTP status (RFC 9457 title: the same for every problem of that kind).</summary>
    public static string TitleOf(int status) => status switch
    {
        400 => "Ongeldige invoer",
        401 => "Niet geauthenticeerd",
        403 => "Geen toestemming",
        404 => "Niet gevonden",
        405 => "Methode niet toegestaan",
        406 => "Gevraagd formaat niet beschikbaar",
        413 => "Verzoek te groot",
        414 => "Adres te lang",
        415 => "Formaat van het verzoek niet ondersteund",
        429 => "Te veel verzoeken",
        431 => "Headers te groot",
        500 => "Interne fout",
        503 => "Dienst tijdelijk niet beschikbaar",
        504 => "Time-out",
        _ => status >= 500 ? "Serverfout" : "Fout in het verzoek",
    };

    // RFC 9110's section on each status: a stable URI for the kind of problem, as the Haal Centraal APIs use.
    private static string TypeUri(int status) => status switch
    {
        400 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1",
        401 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
        403 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4",
        404 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5",
        405 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.6",
        406 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.7",
        413 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14",
        414 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.15",
        415 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.16",
        429 => "https://www.rfc-editor.org/rfc/rfc6585#section-4",
        431 => "https://www.rfc-editor.org/rfc/rfc6585#section-5",
        500 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.1",
        503 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4",
        504 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.5",
        _ => "about:blank",
    };

    /// <summary>Characters of the request's path repeated as <c>instance</c>: the longest route with a decision id fits,
    /// a value the caller put in the path (an unknown version of 5,000 characters) does not come back whole.</summary>
    private const int MaxInstanceCharacters = 120;

    public static Problem Create(HttpContext context, int status, string detail, string? code = null, IReadOnlyList<InvalidParam>? invalidParams = null) =>
        new(TypeUri(status), TitleOf(status), status, detail, FactText.Cut(context.Request.PathBase + context.Request.Path, MaxInstanceCharacters), code, invalidParams);

    /// <summary>
    /// The same error as the gRPC side gives (google.rpc.Status with its google.rpc.BadRequest), at
    /// <paramref name="httpStatus"/>. Server errors say nothing of what failed inside.
    /// </summary>
    public static Problem FromStatus(HttpContext context, int httpStatus, Google.Rpc.Status status)
    {
        var code = (StatusCode)status.Code;
        var invalid = status.Details.Where(d => d.Is(BadRequest.Descriptor)).SelectMany(d => d.Unpack<BadRequest>().FieldViolations)
            .Select(InvalidParam.From).ToList();
        var detail = httpStatus >= 500 ? ServerErrorDetail
            : invalid.Count > 0 ? $"{invalid.Count} {(invalid.Count == 1 ? "veld is" : "velden zijn")} ongeldig: zie invalidParams."
            : status.Message;
        return Create(context, httpStatus, detail, CodeName(code), invalid.Count > 0 ? invalid : httpStatus == 400 ? [] : null);
    }

    /// <summary>The body as it is sent, e.g. for an example in the OpenAPI document.</summary>
    public System.Text.Json.Nodes.JsonNode ToJson() => JsonSerializer.SerializeToNode(this, Json)!;

    public async Task WriteAsync(HttpContext context)
    {
        context.Response.StatusCode = Status;
        context.Response.ContentType = ContentType + "; charset=utf-8";
        context.Response.ContentLength = null;
        await JsonSerializer.SerializeAsync(context.Response.Body, this, Json, context.RequestAborted);
    }

    // invalidArgument, notFound, …: gRPC's status names in camelCase, as the other codes of this document.
    public static string CodeName(StatusCode code) => char.ToLowerInvariant(code.ToString()[0]) + code.ToString()[1..];
}
