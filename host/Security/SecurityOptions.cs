namespace EligibilityEngine.Host.Security;

/// <summary>Who may call, and how often (configuration section "Security"). Nothing set: open, and only on loopback.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Run without authentication on a non-loopback address anyway (logged as a warning at start-up).</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>OAuth 2.0 bearer tokens (NL GOV OAuth profile): JWTs signed by the authorisation server.</summary>
    public JwtOptions Jwt { get; set; } = new();

    /// <summary>Mutual TLS: callers present a certificate issued under the trust anchor (in production PKIoverheid).</summary>
    public ClientCertificateOptions ClientCertificates { get; set; } = new();

    /// <summary>People who sign in to the pages with the organisation's identity provider (OpenID Connect).</summary>
    public OpenIdConnectOptions OpenIdConnect { get; set; } = new();

    /// <summary>Requests per caller (token bucket): the OIN, else the token's client, else the remote address.</summary>
    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>
    /// The callers, by OIN or token <c>client_id</c>, who audit the log and so read every organisation's records; any
    /// other caller reads only the records of the decisions it asked for itself.
    /// </summary>
    public string[] Auditors { get; set; } = [];

    public bool TokensRequired => Jwt.Issuer.Length > 0;

    public bool CertificatesRequired => ClientCertificates.TrustAnchorFile.Length > 0;

    public bool Configured => TokensRequired || CertificatesRequired;

    /// <summary>People sign in to the pages at the identity provider; the service's callers are not affected.</summary>
    public bool PeopleSignIn => OpenIdConnect.Authority.Length > 0 || OpenIdConnect.ClientId.Length > 0;

    public sealed class JwtOptions
    {
        /// <summary>The authorisation server's issuer (<c>iss</c>); setting it switches tokens on.</summary>
        public string Issuer { get; set; } = "";

        /// <summary>This API as the tokens' audience (<c>aud</c>); required with an issuer.</summary>
        public string Audience { get; set; } = "";

        /// <summary>The issuer's signing keys as a JWKS file, …</summary>
        public string JwksFile { get; set; } = "";

        /// <summary>… or at a URL (fetched at start-up, again when a token names a key not yet known, at most every 5 minutes).</summary>
        public string JwksUrl { get; set; } = "";

        /// <summary>Tolerance for clocks that differ, in seconds.</summary>
        public int ClockSkewSeconds { get; set; } = 30;

        /// <summary>The longest a token may be valid, from its <c>iat</c> (else <c>nbf</c>) to its <c>exp</c>, in minutes:
        /// access tokens are short-lived; a longer one is refused.</summary>
        public int MaxLifetimeMinutes { get; set; } = 60;
    }

    /// <summary>
    /// OpenID Connect for the pages (authorization code flow with PKCE): the provider signs a person in, and the roles or
    /// groups it names in <see cref="ScopeClaim"/> give the person the service's scopes through <see cref="RoleMapping"/>.
    /// </summary>
    public sealed class OpenIdConnectOptions
    {
        /// <summary>The identity provider (its issuer; /.well-known/openid-configuration is read from it); https, http only on loopback.</summary>
        public string Authority { get; set; } = "";

        /// <summary>This host's client id at the provider; required with an authority.</summary>
        public string ClientId { get; set; } = "";

        /// <summary>A file holding the client secret (a confidential client); none: a public client with PKCE only.</summary>
        public string ClientSecretFile { get; set; } = "";

        /// <summary>The claim of the ID token that names the person's roles or groups (Entra ID <c>roles</c> or <c>groups</c>, Keycloak <c>groups</c>).</summary>
        public string ScopeClaim { get; set; } = "roles";

        /// <summary>Role or group → the scopes it gives, separated by spaces (<c>casus-beoordelaar: beoordelen</c>).</summary>
        public Dictionary<string, string> RoleMapping { get; set; } = [];

        /// <summary>The scopes asked of the provider beside <c>openid</c>, separated by spaces (some providers put roles only under one of them).</summary>
        public string RequestedScopes { get; set; } = "profile";

        /// <summary>How long a signed-in person stays signed in without using the pages, in minutes.</summary>
        public int SessionMinutes { get; set; } = 60;
    }

    public sealed class ClientCertificateOptions
    {
        /// <summary>PEM file with the CA certificate(s) a client certificate must chain to; setting it switches mTLS on.</summary>
        public string TrustAnchorFile { get; set; } = "";
    }

    public sealed class RateLimitOptions
    {
        /// <summary>Requests each caller may make per second, on average.</summary>
        public int PermitsPerSecond { get; set; } = 100;

        /// <summary>Requests a caller may make at once after a quiet spell.</summary>
        public int Burst { get; set; } = 200;
    }
}
