using System.Net;
using System.Threading.RateLimiting;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.IdentityModel.Tokens;

namespace EligibilityEngine.Host.Security;

/// <summary>
/// Who may call and how often: tokens, client certificates, scopes per method, a rate limit per caller, CORS by an
/// allow-list, and the refusal to run open on anything but loopback. Configured under "Security" (<see cref="SecurityOptions"/>).
/// </summary>
public static class SecuritySetup
{
    private const string CorsAllowList = "allow-list";

    public static SecurityOptions AddServices(WebApplicationBuilder builder, TimeProvider time)
    {
        var section = builder.Configuration.GetSection(SecurityOptions.Section);
        builder.Services.Configure<SecurityOptions>(section);
        var security = section.Get<SecurityOptions>() ?? new SecurityOptions();
        RefuseOpenOnNetwork(builder.Configuration, security);
        AnswerLoopbackNamesOnly(builder);

        Microsoft.AspNetCore.Authentication.AuthenticationBuilder authentication;
        if (security.TokensRequired)
        {
            if (security.Jwt.Audience.Length == 0) throw new SecurityConfigurationException("Security:Jwt:Audience is required with Security:Jwt:Issuer");
            if (security.Jwt.MaxLifetimeMinutes <= 0) throw new SecurityConfigurationException("Security:Jwt:MaxLifetimeMinutes must be a positive number of minutes");
            var keys = SigningKeys.From(security.Jwt, new HttpClient { Timeout = TimeSpan.FromSeconds(10) }, time);
            builder.Services.AddSingleton(new CachingTokenHandler(time, TimeSpan.FromMinutes(security.Jwt.MaxLifetimeMinutes)));
            authentication = builder.Services.AddAuthentication(BearerTokenAuthenticationHandler.SchemeName)
                .AddScheme<BearerTokenOptions, BearerTokenAuthenticationHandler>(BearerTokenAuthenticationHandler.SchemeName, options =>
                    options.Validation = new TokenValidationParameters
                    {
                        ValidIssuer = security.Jwt.Issuer,
                        ValidAudience = security.Jwt.Audience,
                        ValidateIssuer = true,
                        ValidateAudience = true,
                        ValidateLifetime = true,
                        RequireExpirationTime = true,
                        RequireSignedTokens = true,
                        ValidateIssuerSigningKey = true,
                        ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.EcdsaSha256],
                        IssuerSigningKeyResolver = (_, _, keyId, _) => keys.Resolve(keyId),
                        ClockSkew = TimeSpan.FromSeconds(security.Jwt.ClockSkewSeconds),
                    });
        }
        else
        {
            authentication = builder.Services.AddAuthentication();
        }

        PersonSignIn.AddSchemes(authentication, security);
        builder.Services.AddSingleton<IAuthorizationHandler, ScopeRequirementHandler>();
        builder.Services.AddSingleton<IAuthorizationHandler, PersonScopeRequirementHandler>();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, RefusingAuthorizationResultHandler>();
        builder.Services.AddAuthorization(options =>
        {
            foreach (var scope in Scopes.All)
                options.AddPolicy(ScopeRequirement.PolicyName(scope), policy => policy.AddRequirements(new ScopeRequirement(scope)));
            PersonSignIn.AddPolicies(options, security);
        });

        if (security.CertificatesRequired)
        {
            var anchors = ClientCertificateValidator.LoadAnchors(security.ClientCertificates.TrustAnchorFile);
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https =>
            {
                var validator = new ClientCertificateValidator(anchors,
                    kestrel.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger<ClientCertificateValidator>());
                // Asked for, not demanded, in the handshake: health, reflection and openapi.json stay open; the methods
                // of the service demand it (ScopeRequirement). A certificate that is presented must pass.
                https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                https.ClientCertificateValidation = validator.Validate;
            }));
        }

        // One limiter for calls and for the items of a stream (StreamItemLimit): a stream of a thousand cases is a
        // thousand requests, not one.
        var limiter = CallerLimiter(security.RateLimit);
        builder.Services.AddSingleton(new StreamItemLimit(limiter, security.RateLimit));
        builder.Services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = limiter;
            options.OnRejected = (rejected, _) =>
            {
                rejected.HttpContext.Response.Headers.RetryAfter = "1";
                return new ValueTask(CallRefusal.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, StatusCode.ResourceExhausted,
                    StreamItemLimit.Refusal(security.RateLimit)));
            };
        });

        var origins = builder.Configuration.GetSection(SecurityOptions.Section + ":Cors:AllowedOrigins").Get<string[]>() ?? [];
        builder.Services.AddCors(options => options.AddPolicy(CorsAllowList, policy => policy.WithOrigins(origins)
            .WithMethods("GET", "POST").WithHeaders("Authorization", "Content-Type", "Accept").WithExposedHeaders("API-Version")));
        return security;
    }

    /// <summary>Authentication, the rate limit and authorisation, in that order: a caller is known before it is counted.</summary>
    /// <summary>Says once, at start-up, how callers and people authenticate.</summary>
    public static void Report(WebApplication app, SecurityOptions security)
    {
        if (!security.Configured)
            app.Logger.LogWarning(security.AllowAnonymous && !OnLoopbackOnly(app.Configuration)
                ? "Security:AllowAnonymous=true: the service answers everyone who can reach it, without authentication"
                : "No authentication configured: the service is open, for local use on loopback only");
        else
            app.Logger.LogInformation("Callers authenticate with {Means}",
                string.Join(" and ", new[] { security.CertificatesRequired ? "a client certificate (mTLS)" : null, security.TokensRequired ? "an OAuth bearer token" : null }.OfType<string>()));
        if (security.PeopleSignIn)
            app.Logger.LogInformation("People sign in to the pages at {Authority} (OpenID Connect)", security.OpenIdConnect.Authority);
    }

    /// <summary>Authentication, the rate limit and authorisation, on each branch of the pipeline.</summary>
    public static void Use(IApplicationBuilder pipeline)
    {
        pipeline.UseCors(CorsAllowList);
        pipeline.Use(RefuseTokenInQuery);
        pipeline.UseAuthentication();
        pipeline.UseRateLimiter();
        pipeline.UseAuthorization();
    }

    /// <summary>Each method of the service (gRPC and its JSON operation alike) requires the policy of its scope.</summary>
    public static void RequireScopes(GrpcServiceEndpointConventionBuilder service) =>
        service.Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<GrpcMethodMetadata>().FirstOrDefault() is { } method)
                endpoint.Metadata.Add(new AuthorizeAttribute(ScopeRequirement.PolicyName(Scopes.For(method.Method.Name))));
        });

    /// <summary>A token bucket per caller (<see cref="CallerKey"/>).</summary>
    public static PartitionedRateLimiter<HttpContext> CallerLimiter(SecurityOptions.RateLimitOptions limit) =>
        PartitionedRateLimiter.Create<HttpContext, (string Kind, object Id)>(context =>
            RateLimitPartition.GetTokenBucketLimiter(CallerKey(context), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = limit.Burst,
                TokensPerPeriod = limit.PermitsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));

    /// <summary>Whom the rate limit counts: the organisation (OIN), else the token's client, else the address.</summary>
    private static (string Kind, object Id) CallerKey(HttpContext context)
    {
        if (OrganisationIdentity.Of(context) is { } oin) return ("oin", oin);
        if (context.User.FindFirst("client_id")?.Value is { } client) return ("client", client);
        if (context.User.FindFirst("sub")?.Value is { } subject) return ("sub", subject);
        // The address itself: no string is made of it per call.
        return ("ip", (object?)context.Connection.RemoteIpAddress ?? "unknown");
    }

    /// <summary>
    /// DNS rebinding: a web page the user visits points its own name at 127.0.0.1, and its script then calls the open
    /// loopback host through the user's browser, reading the audit log and writing records. Its requests carry the
    /// page's name in the Host header, so on loopback, unless <c>AllowedHosts</c> names others, the host answers only
    /// to the loopback names (ASP.NET Core's host filtering refuses the rest with 400 before anything runs).
    /// </summary>
    private static void AnswerLoopbackNamesOnly(WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["AllowedHosts"]) && OnLoopbackOnly(builder.Configuration))
            builder.Services.Configure<HostFilteringOptions>(options => options.AllowedHosts = ["localhost", "127.0.0.1", "[::1]"]);
    }

    // NL GOV OAuth profile: a token in a URL ends up in logs and histories, so it is refused, not ignored.
    private static async Task RefuseTokenInQuery(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Query.Keys.Any(k => k.Equals("access_token", StringComparison.OrdinalIgnoreCase)))
        {
            await CallRefusal.WriteAsync(context, StatusCodes.Status401Unauthorized, StatusCode.Unauthenticated,
                "Een access token hoort in de Authorization-header, nooit in de URL (NL GOV OAuth-profiel).");
            return;
        }

        await next(context);
    }

    /// <summary>Refuses to start open on a network address: a decision service about people must know who asks.</summary>
    private static void RefuseOpenOnNetwork(IConfiguration configuration, SecurityOptions security)
    {
        if (security.Configured || security.AllowAnonymous || OnLoopbackOnly(configuration)) return;
        throw new SecurityConfigurationException(
            "The host is bound to a non-loopback address without authentication. Configure Security:Jwt (tokens) and/or " +
            "Security:ClientCertificates (mTLS), or start it with Security:AllowAnonymous=true to run open on purpose.");
    }

    private static bool OnLoopbackOnly(IConfiguration configuration)
    {
        var urls = configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"])
            .Concat((configuration["urls"] ?? "").Split(';')).OfType<string>().Where(u => u.Length > 0);
        return urls.All(IsLoopback);
    }

    private static bool IsLoopback(string url)
    {
        // Kestrel's wildcards (http://*:80, http://+:80) bind every address.
        var host = url.Split("://").Last().Split('/')[0];
        host = host.StartsWith('[') ? host[1..host.IndexOf(']')] : host.Split(':')[0];
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}
