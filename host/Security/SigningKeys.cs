using Microsoft.IdentityModel.Tokens;

namespace EligibilityEngine.Host.Security;

/// <summary>
/// The authorisation server's signing keys, from a JWKS file or URL. From a URL they are fetched at start-up and again
/// when a token names a key id not yet known (the server rotated its keys), at most once every five minutes.
/// </summary>
public sealed class SigningKeys
{
    private static readonly TimeSpan RefetchInterval = TimeSpan.FromMinutes(5);
    private readonly Func<string> _read;
    private readonly bool _canRefetch;
    private readonly TimeProvider _time;
    private IReadOnlyList<SecurityKey> _keys;
    private DateTimeOffset _fetchedAt;

    private SigningKeys(Func<string> read, bool canRefetch, TimeProvider time)
    {
        _read = read;
        _canRefetch = canRefetch;
        _time = time;
        _keys = Fetch();
    }

    public static SigningKeys From(SecurityOptions.JwtOptions jwt, HttpClient http, TimeProvider time) =>
        (jwt.JwksFile.Length > 0, jwt.JwksUrl.Length > 0) switch
        {
            (true, false) => new SigningKeys(() => File.ReadAllText(jwt.JwksFile), canRefetch: false, time),
            (false, true) => new SigningKeys(() => http.GetStringAsync(jwt.JwksUrl).GetAwaiter().GetResult(), canRefetch: true, time),
            _ => throw new SecurityConfigurationException("Security:Jwt needs exactly one of JwksFile and JwksUrl"),
        };

    public IEnumerable<SecurityKey> Resolve(string? keyId)
    {
        if (_canRefetch && keyId is not null && _keys.All(k => k.KeyId != keyId) && _time.GetUtcNow() - _fetchedAt > RefetchInterval)
        {
            lock (this)
            {
                if (_time.GetUtcNow() - _fetchedAt > RefetchInterval) _keys = Fetch();
            }
        }

        return _keys;
    }

    private IReadOnlyList<SecurityKey> Fetch()
    {
        string jwks;
        try
        {
            jwks = _read();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or HttpRequestException or TaskCanceledException)
        {
            throw new SecurityConfigurationException($"the signing keys of Security:Jwt could not be read: {ex.Message}");
        }

        IList<SecurityKey> keys;
        try
        {
            keys = new JsonWebKeySet(jwks).GetSigningKeys();
        }
        catch (ArgumentException)
        {
            // The library's message quotes the text; the operator needs to know what kind of file is wanted.
            throw new SecurityConfigurationException("the signing keys of Security:Jwt are not a JWKS (a JSON object with \"keys\"); a PEM file is not one");
        }

        if (keys.Count == 0) throw new SecurityConfigurationException("the JWKS of Security:Jwt holds no signing key");
        _fetchedAt = _time.GetUtcNow();
        return keys.ToList();
    }
}
