using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace EligibilityEngine.Host.Security;

/// <summary>
/// What a caller needs for one capability: with mTLS configured, a client certificate with an OIN (the handshake has
/// checked its chain); with tokens configured, a valid token whose <c>scope</c> claim holds <see cref="Scope"/>.
/// </summary>
public sealed record ScopeRequirement(string Scope) : IAuthorizationRequirement
{
    /// <summary>The policy name for a scope.</summary>
    public static string PolicyName(string scope) => "scope:" + scope;

    /// <summary>Why the caller is not known (401 / UNAUTHENTICATED), in Dutch; null when it is.</summary>
    public static string? MissingIdentity(SecurityOptions security, HttpContext? http, ClaimsPrincipal user)
    {
        if (security.CertificatesRequired && (http is null || OrganisationIdentity.Of(http) is null))
            return "Een clientcertificaat met een OIN is nodig (mutual TLS).";
        if (security.TokensRequired && user.Identity?.IsAuthenticated != true)
            return "Een geldig access token is nodig in de Authorization-header (Bearer).";
        return null;
    }
}

public sealed class ScopeRequirementHandler(IOptions<SecurityOptions> options) : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        var security = options.Value;
        if (ScopeRequirement.MissingIdentity(security, context.Resource as HttpContext, context.User) is { } missing)
        {
            context.Fail(new UnauthenticatedReason(this, missing));
            return Task.CompletedTask;
        }

        var scopes = context.User.FindAll("scope").SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (security.TokensRequired && !scopes.Contains(requirement.Scope, StringComparer.Ordinal))
        {
            context.Fail(new AuthorizationFailureReason(this, $"Het token heeft niet de scope '{requirement.Scope}' die deze operatie vraagt."));
            return Task.CompletedTask;
        }

        context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

/// <summary>A failure because the caller is not known (401 / UNAUTHENTICATED), not because it may not (403).</summary>
public sealed class UnauthenticatedReason(IAuthorizationHandler handler, string message) : AuthorizationFailureReason(handler, message);
