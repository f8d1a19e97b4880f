using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EligibilityEngine.Tests.Support;

/// <summary>
/// An authorisation server for the tests: a signing key made at run time, its JWKS file for the host, and tokens as the
/// NL GOV OAuth profile has them (iss, aud, exp, client_id, scope), plus the bad ones a host must refuse.
/// </summary>
public sealed class TestTokens : IDisposable
{
    public const string Issuer = "https://auth.test.example.nl";
    public const string Audience = "https://eligibility.test.example.nl";
    public const string ClientId = "gemeente-testdam";

    private readonly RSA _key = RSA.Create(2048);
    private readonly RSA _otherKey = RSA.Create(2048);
    private readonly string _folder = Directory.CreateTempSubdirectory("eligibility-jwks-").FullName;

    public string JwksFile => Path.Combine(_folder, "jwks.json");

    public TestTokens()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_key.ExportParameters(false)) { KeyId = "test-key-1" });
        jwk.Use = "sig";
        jwk.Alg = SecurityAlgorithms.RsaSha256;
        File.WriteAllText(JwksFile, System.Text.Json.JsonSerializer.Serialize(new { keys = new[] { jwk } },
            new System.Text.Json.JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull }));
    }

    /// <summary>A token for the scopes given, valid for <paramref name="lifetime"/> (default: five minutes).</summary>
    /// <param name="user">The ZGW claims user_id and user_representation, as a municipal case system sends them.</param>
    public string Token(string scope, string issuer = Issuer, string audience = Audience, TimeSpan? lifetime = null, bool otherKey = false,
        (string Id, string Representation)? user = null, string clientId = ClientId, string keyId = "test-key-1",
        IDictionary<string, object>? header = null)
    {
        var now = DateTime.UtcNow;
        var expires = now + (lifetime ?? TimeSpan.FromMinutes(5));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = expires < now ? expires.AddMinutes(-5) : now,
            NotBefore = expires < now ? expires.AddMinutes(-5) : now,
            Expires = expires,
            AdditionalHeaderClaims = header,
            Claims = user is { } u
                ? new Dictionary<string, object> { ["client_id"] = clientId, ["scope"] = scope, ["user_id"] = u.Id, ["user_representation"] = u.Representation }
                : new Dictionary<string, object> { ["client_id"] = clientId, ["scope"] = scope },
            SigningCredentials = new SigningCredentials(
                new RsaSecurityKey(otherKey ? _otherKey : _key) { KeyId = keyId }, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>The same claims with <c>alg: none</c> and no signature.</summary>
    public string Unsigned(string scope)
    {
        static string Part(string json) => Base64UrlEncoder.Encode(json);
        var exp = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds();
        return Part("""{"alg":"none","typ":"JWT"}""") + "." +
               Part($$"""{"iss":"{{Issuer}}","aud":"{{Audience}}","exp":{{exp}},"client_id":"{{ClientId}}","scope":"{{scope}}"}""") + ".";
    }

    public void Dispose()
    {
        _key.Dispose();
        _otherKey.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
