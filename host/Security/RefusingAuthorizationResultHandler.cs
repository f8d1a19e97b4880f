using Grpc.Core;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace EligibilityEngine.Host.Security;

/// <summary>
/// Answers a refused call itself, the same way on gRPC and JSON: 401 / UNAUTHENTICATED when the caller is not known
/// (with why: the token expired, is for another audience, …), 403 / PERMISSION_DENIED naming the scope it lacks.
/// </summary>
public sealed class RefusingAuthorizationResultHandler(IOptions<SecurityOptions> options, ILogger<RefusingAuthorizationResultHandler> logger)
    : IAuthorizationMiddlewareResultHandler
{
    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Succeeded)
        {
            await next(context);
            return;
        }

        // A challenge (no authenticated user) carries no failure reasons: the reason is derived again.
        var failure = result.AuthorizationFailure?.FailureReasons.FirstOrDefault();
        if (Web.PageRefusal.ForPerson(context))
        {
            var scope = policy.Requirements.Select(r => r switch { ScopeRequirement s => s.Scope, PersonScopeRequirement p => p.Scope, _ => null }).OfType<string>().FirstOrDefault();
            logger.LogInformation("Page refused to a person: {Outcome}", result.Challenged || failure is UnauthenticatedReason ? "not signed in" : "forbidden");
            await Web.PageRefusal.WriteAsync(context, new Web.PageRefusal.Refusal(result.Challenged || failure is UnauthenticatedReason, scope,
                HttpMethods.IsGet(context.Request.Method) ? context.Request.Path + context.Request.QueryString : context.Request.Path.ToString()));
            return;
        }

        var missing = failure is UnauthenticatedReason ? failure.Message : ScopeRequirement.MissingIdentity(options.Value, context, context.User);
        var reason = failure?.Message ?? "Geen toestemming voor deze operatie.";
        // The bearer handler's result of this request (it authenticates once per request and keeps the result).
        var authentication = options.Value.TokensRequired ? await context.AuthenticateAsync(BearerTokenAuthenticationHandler.SchemeName) : null;
        var unknownCaller = result.Challenged || missing is not null;
        // The exception's type only: its message may quote claims of the token.
        logger.LogInformation("Call refused: {Outcome} ({Failure})", unknownCaller ? "unauthenticated" : "forbidden",
            authentication?.Failure?.GetType().Name ?? "no failure in authentication");
        if (unknownCaller)
        {
            context.Response.Headers.WWWAuthenticate = authentication?.Failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
            await CallRefusal.WriteAsync(context, StatusCodes.Status401Unauthorized, StatusCode.Unauthenticated,
                TokenFailure(authentication?.Failure) ?? missing ?? reason);
            return;
        }

        await CallRefusal.WriteAsync(context, StatusCodes.Status403Forbidden, StatusCode.PermissionDenied, reason);
    }

    /// <summary>Why a token was not accepted, in Dutch; null when none was sent.</summary>
    private static string? TokenFailure(Exception? failure) => failure switch
    {
        null => null,
        SecurityTokenExpiredException => "Het access token is verlopen.",
        SecurityTokenLifetimeTooLongException => "Het access token is langer geldig dan deze API toestaat (exp te ver na iat).",
        SecurityTokenCriticalHeaderException => "Het access token vraagt uitbreidingen (crit) die deze API niet kent.",
        SecurityTokenNotYetValidException => "Het access token is nog niet geldig.",
        SecurityTokenInvalidAudienceException => "Het access token is niet voor deze API uitgegeven (audience).",
        SecurityTokenInvalidIssuerException => "Het access token komt niet van de ingestelde autorisatieserver (issuer).",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException =>
            "De handtekening van het access token klopt niet met de sleutels van de autorisatieserver.",
        SecurityTokenNoExpirationException => "Het access token heeft geen vervaldatum (exp).",
        SecurityTokenInvalidAlgorithmException => "Het access token is niet ondertekend met een toegestaan algoritme.",
        _ => "Het access token is ongeldig.",
    };
}
