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
