using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Microsoft.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace EligibilityEngine.Tests.Support;

/// <summary>
/// An organisation's identity provider for the tests: a real OpenID Connect server (OpenIddict) on a loopback socket,
/// with a login page of its own and a session cookie, the authorization code flow with PKCE required, one confidential
/// client (the host), and people whose groups the host maps to its scopes. It keeps no store (OpenIddict's degraded
/// mode): the client, its redirect URIs and its secret are checked by the handlers below.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public const string ClientId = "beschut-werk-pagina";
    public const string ClientSecret = "geheim-van-de-test-7f3a";

    /// <summary>A labour expert: may judge cases, not run an impact analysis.</summary>
    public static readonly Person Expert = new("e.vandijk", "Els van Dijk", "wachtwoord-els", ["uwv-arbeidsdeskundigen"]);

    public sealed record Person(string UserName, string Name, string Password, string[] Groups);

    private readonly WebApplication _app;
    private int _endSessions;

    private OidcProvider(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The issuer, e.g. http://127.0.0.1:PORT/.</summary>
    public Uri Address { get; }

    /// <summary>The host the client runs on (its redirect URIs are checked against it); set once the host runs.</summary>
    public Uri? ClientAddress { get; set; }

    /// <summary>How many end-session (sign-out) requests the provider has handled.</summary>
    public int EndSessions => Volatile.Read(ref _endSessions);

    /// <summary>The host's settings for this provider, with the client secret in <paramref name="secretFile"/>.</summary>
    public string[] HostSettings(string secretFile) =>
    [
        "--Security:OpenIdConnect:Authority=" + Address,
        "--Security:OpenIdConnect:ClientId=" + ClientId,
        "--Security:OpenIdConnect:ClientSecretFile=" + secretFile,
        "--Security:OpenIdConnect:ScopeClaim=groups",
        "--Security:OpenIdConnect:RoleMapping:uwv-arbeidsdeskundigen=beoordelen",
        "--Security:OpenIdConnect:RoleMapping:juridische-zaken=impact regelsets-lezen",
    ];

    public static async Task<OidcProvider> StartAsync()
    {
        var address = new Uri($"http://127.0.0.1:{Grpc.RunningHost.FreePort()}/");
        var builder = WebApplication.CreateBuilder();
        // Not the host's appsettings.json beside the tests (its Kestrel endpoints would replace this address).
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.WebHost.UseUrls(address.ToString());
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.Cookie.Name = "aanmelddienst-sessie";
            cookie.LoginPath = "/inloggen";
        });
        OidcProvider? provider = null;
        builder.Services.AddOpenIddict().AddServer(server =>
        {
            server.SetIssuer(address);
            server.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token").SetEndSessionEndpointUris("connect/logout");
            server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            server.RegisterScopes(Scopes.OpenId, Scopes.Profile);
            server.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
            server.EnableDegradedMode();
            server.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableEndSessionEndpointPassthrough().DisableTransportSecurityRequirement();
            server.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId) context.Reject(Errors.InvalidClient, "unknown client");
                else if (context.RedirectUri != new Uri(provider!.ClientAddress!, "/signin-oidc").ToString()) context.Reject(Errors.InvalidRequest, "redirect_uri not registered");
                return default;
            }));
            server.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.Request.ClientSecret != ClientSecret) context.Reject(Errors.InvalidClient, "client authentication failed");
                return default;
            }));
            server.AddEventHandler<ValidateEndSessionRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.PostLogoutRedirectUri is { } back && back != new Uri(provider!.ClientAddress!, "/signout-callback-oidc").ToString())
                    context.Reject(Errors.InvalidRequest, "post_logout_redirect_uri not registered");
                return default;
            }));
        });

        var app = builder.Build();
        provider = new OidcProvider(app, address);
        app.UseAuthentication();
        app.MapGet("/inloggen", (string? returnUrl) => Results.Content(LoginPage(returnUrl ?? "/", failed: false), "text/html; charset=utf-8"));
        app.MapPost("/inloggen", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            var returnUrl = form["returnUrl"].ToString();
            if (Expert.UserName != form["username"] || Expert.Password != form["password"])
                return Results.Content(LoginPage(returnUrl, failed: true), "text/html; charset=utf-8", statusCode: 200);
            await context.SignInAsync(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, Expert.UserName)], CookieAuthenticationDefaults.AuthenticationScheme)));
            return Results.LocalRedirect(returnUrl);
        });
        app.MapGet("/connect/authorize", async (HttpContext context) =>
        {
            var session = await context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            if (!session.Succeeded)
                return Results.Challenge(new AuthenticationProperties { RedirectUri = context.Request.Path + context.Request.QueryString }, [CookieAuthenticationDefaults.AuthenticationScheme]);
            var request = context.GetOpenIddictServerRequest()!;
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.AddClaim(new Claim(Claims.Subject, Expert.UserName));
            identity.AddClaim(new Claim(Claims.Name, Expert.Name));
            foreach (var group in Expert.Groups) identity.AddClaim(new Claim("groups", group));
            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.IdentityToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        app.MapGet("/connect/logout", async (HttpContext context) =>
        {
            Interlocked.Increment(ref provider._endSessions);
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        });
        await app.StartAsync();
        return provider;
    }

    /// <summary>The provider's own login page, as an organisation's would be: user name and password.</summary>
    private static string LoginPage(string returnUrl, bool failed) => $"""
        <!DOCTYPE html>
        <html lang="nl"><head><meta charset="utf-8"><title>Aanmelddienst van de organisatie</title></head>
        <body><main><h1>Aanmelddienst van de organisatie</h1>
        {(failed ? "<p id=\"fout\">Gebruikersnaam of wachtwoord klopt niet.</p>" : "")}
        <form method="post" action="/inloggen">
          <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl)}">
          <label for="username">Gebruikersnaam</label> <input id="username" name="username" autocomplete="username">
          <label for="password">Wachtwoord</label> <input id="password" name="password" type="password" autocomplete="current-password">
          <button id="inloggen" type="submit">Inloggen</button>
        </form></main></body></html>
        """;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
