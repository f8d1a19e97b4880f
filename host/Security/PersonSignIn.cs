using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace EligibilityEngine.Host.Security;

/// <summary>
/// People who sign in to the pages (<c>Security:OpenIdConnect</c>): the organisation's identity provider signs a person
/// in (authorization code flow with PKCE), and a cookie of the pages' own keeps the session. Only the pages' policies
/// (<see cref="PagePolicy"/>) read that cookie: the service's methods authenticate with the default scheme (bearer
/// tokens) and certificates alone, so a page's cookie never authorises a gRPC or JSON call.
/// </summary>
public static class PersonSignIn
{
    public const string CookieScheme = "Pagina";
    public const string ProviderScheme = OpenIdConnectDefaults.AuthenticationScheme;

    /// <summary>The claim that carries a scope the provider's roles gave a person: not the token's <c>scope</c>, so that
    /// no handler of the service could ever read it as one.</summary>
    public const string ScopeClaimType = "pagina_scope";

    /// <summary>The cookie's name; it holds the signed-in person's name and scopes, encrypted (ASP.NET Core data protection).</summary>
    public const string CookieName = "beschutwerk-sessie";

    /// <summary>Where the provider sends the person back after signing out (the path to register at the provider).</summary>
    public const string SignedOutPath = "/aanmelden?afgemeld=ja";

    /// <summary>Every page's policy: who is signed in is read on every page (the cookie), so that the header and the
    /// anti-forgery tokens see the same person everywhere; it refuses no one.</summary>
    public const string EveryPagePolicy = "pagina";

    /// <summary>The policy of a page that needs <paramref name="scope"/>.</summary>
    public static string PagePolicy(string scope) => "pagina:" + scope;

    /// <summary>The pages' policies: with people signing in, the person's scope from the cookie; otherwise what the
    /// service's methods ask (<see cref="ScopeRequirement"/>), so that a page is open exactly where the service is.</summary>
    public static void AddPolicies(AuthorizationOptions options, SecurityOptions security)
    {
        options.AddPolicy(EveryPagePolicy, policy =>
        {
            if (security.PeopleSignIn) policy.AddAuthenticationSchemes(CookieScheme);
            policy.RequireAssertion(_ => true);
        });
        foreach (var scope in Scopes.All)
            options.AddPolicy(PagePolicy(scope), policy =>
            {
                if (security.PeopleSignIn) policy.AddAuthenticationSchemes(CookieScheme).AddRequirements(new PersonScopeRequirement(scope));
                else policy.AddRequirements(new ScopeRequirement(scope));
            });
    }

    public static void AddSchemes(AuthenticationBuilder authentication, SecurityOptions security)
    {
        if (!security.PeopleSignIn) return;
        var settings = security.OpenIdConnect;
        var authority = CheckedAuthority(settings);
        var secret = ClientSecret(settings.ClientSecretFile);
        var mapping = RoleMapping(settings.RoleMapping);
        if (settings.SessionMinutes <= 0) throw new SecurityConfigurationException("Security:OpenIdConnect:SessionMinutes must be a positive number of minutes");

        authentication.AddCookie(CookieScheme, cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.Always;
            // Lax: the person comes back from the provider by a top-level navigation from another site, which Strict
            // would send without the cookie; no cross-site post carries it.
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(settings.SessionMinutes);
            cookie.SlidingExpiration = true;
        });
        authentication.AddOpenIdConnect(ProviderScheme, oidc =>
        {
            oidc.Authority = authority.ToString();
            oidc.RequireHttpsMetadata = authority.Scheme == Uri.UriSchemeHttps;
            oidc.ClientId = settings.ClientId;
            oidc.ClientSecret = secret;
            oidc.ResponseType = OpenIdConnectResponseType.Code;
            // The code comes back in the query of a top-level navigation (the default for the code flow); form_post
            // would need the correlation cookie on a cross-site post.
            oidc.ResponseMode = OpenIdConnectResponseMode.Query;
            oidc.UsePkce = true;
            oidc.SignInScheme = CookieScheme;
            oidc.SignOutScheme = CookieScheme;
            oidc.MapInboundClaims = false;
            oidc.SaveTokens = false;
            oidc.Scope.Clear();
            foreach (var scope in ("openid " + settings.RequestedScopes).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct()) oidc.Scope.Add(scope);
            oidc.TokenValidationParameters.NameClaimType = "name";
            oidc.Events.OnTokenValidated = context =>
            {
                var idToken = context.TokenEndpointResponse?.IdToken ?? context.ProtocolMessage.IdToken;
                context.Principal = Person(context.Principal!, settings.ScopeClaim, mapping);
                // Only the ID token is kept (the provider's hint at sign-out); the access token is not this host's to keep.
                if (idToken is not null) context.Properties!.StoreTokens([new AuthenticationToken { Name = OpenIdConnectParameterNames.IdToken, Value = idToken }]);
                return Task.CompletedTask;
            };
            oidc.Events.OnRemoteFailure = context =>
            {
                // The failure's type only: the provider's message may quote what it was sent.
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PersonSignIn))
                    .LogWarning("Sign-in at the identity provider failed: {Failure}", context.Failure?.GetType().Name);
                context.Response.Redirect("/aanmelden?mislukt=ja");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
    }

    /// <summary>The person as the pages keep them: the provider's subject and name, and the scopes their roles give.</summary>
    public static ClaimsPrincipal Person(ClaimsPrincipal signedIn, string scopeClaim, IReadOnlyDictionary<string, string[]> mapping)
    {
        var name = signedIn.FindFirst("name")?.Value ?? signedIn.FindFirst("preferred_username")?.Value ?? signedIn.FindFirst("sub")?.Value ?? "";
        var scopes = signedIn.FindAll(scopeClaim).SelectMany(role => mapping.TryGetValue(role.Value, out var given) ? given : []).Distinct(StringComparer.Ordinal);
        var identity = new ClaimsIdentity(ProviderScheme, "name", ClaimTypes.Role);
        if (signedIn.FindFirst("sub") is { } subject) identity.AddClaim(new Claim("sub", subject.Value));
        identity.AddClaim(new Claim("name", name));
        foreach (var scope in scopes) identity.AddClaim(new Claim(ScopeClaimType, scope));
        return new ClaimsPrincipal(identity);
    }

    /// <summary>The role mapping as configured, each value split into scopes, each scope one the service knows.</summary>
    public static IReadOnlyDictionary<string, string[]> RoleMapping(IReadOnlyDictionary<string, string> configured)
    {
        var mapping = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (role, value) in configured)
        {
            var scopes = value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
            if (scopes.FirstOrDefault(s => !Scopes.All.Contains(s)) is { } unknown)
                throw new SecurityConfigurationException(
                    $"Security:OpenIdConnect:RoleMapping:{role} names '{unknown}', which is not a scope ({string.Join(", ", Scopes.All)})");
            mapping[role] = scopes;
        }

        if (mapping.Values.All(s => s.Length == 0))
            throw new SecurityConfigurationException(
                "Security:OpenIdConnect:RoleMapping maps no role or group to a scope: nobody who signs in could open a page that judges cases");
        return mapping;
    }

    private static Uri CheckedAuthority(SecurityOptions.OpenIdConnectOptions settings)
    {
        if (settings.Authority.Length == 0) throw new SecurityConfigurationException("Security:OpenIdConnect:Authority is required with Security:OpenIdConnect:ClientId");
        if (settings.ClientId.Length == 0) throw new SecurityConfigurationException("Security:OpenIdConnect:ClientId is required with Security:OpenIdConnect:Authority");
        if (!Uri.TryCreate(settings.Authority, UriKind.Absolute, out var authority)
            || !(authority.Scheme == Uri.UriSchemeHttps || (authority.Scheme == Uri.UriSchemeHttp && (authority.IsLoopback || IPAddress.TryParse(authority.Host, out var ip) && IPAddress.IsLoopback(ip)))))
            throw new SecurityConfigurationException("Security:OpenIdConnect:Authority must be an https URL (http only on loopback)");
        return authority;
    }

    private static string? ClientSecret(string file)
    {
        if (file.Length == 0) return null;
        if (!File.Exists(file)) throw new SecurityConfigurationException($"Security:OpenIdConnect:ClientSecretFile {file} does not exist");
        var secret = File.ReadAllText(file).Trim();
        return secret.Length > 0 ? secret : throw new SecurityConfigurationException($"Security:OpenIdConnect:ClientSecretFile {file} is empty");
    }

    /// <summary>A path on this host to return to, or the start page: never another site (an open redirect).</summary>
    public static string LocalPath(string? path) =>
        path is ['/'] or ['/', not ('/' or '\\'), ..] && Uri.IsWellFormedUriString(path, UriKind.Relative) ? path : "/";

    /// <summary>The origin of the provider, to which the pages' sign-out form leads (the content-security policy's form-action).</summary>
    public static string? ProviderOrigin(SecurityOptions security) =>
        security.PeopleSignIn && Uri.TryCreate(security.OpenIdConnect.Authority, UriKind.Absolute, out var authority) ? authority.GetLeftPart(UriPartial.Authority) : null;
}

/// <summary>What a signed-in person needs for a page: a scope that their roles at the provider give them.</summary>
public sealed record PersonScopeRequirement(string Scope) : IAuthorizationRequirement;

public sealed class PersonScopeRequirementHandler : AuthorizationHandler<PersonScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PersonScopeRequirement requirement)
    {
        if (context.User.Identity is not { IsAuthenticated: true, AuthenticationType: PersonSignIn.ProviderScheme })
            context.Fail(new UnauthenticatedReason(this, "U bent niet aangemeld."));
        else if (!context.User.HasClaim(PersonSignIn.ScopeClaimType, requirement.Scope))
            context.Fail(new AuthorizationFailureReason(this, $"Uw account heeft niet de bevoegdheid '{requirement.Scope}' die deze pagina vraagt."));
        else
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
