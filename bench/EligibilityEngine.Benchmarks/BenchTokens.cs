using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EligibilityEngine.Benchmarks;

/// <summary>A signing key made at run time, its JWKS file and one token, as the benchmarks' authorisation server.</summary>
internal sealed class BenchTokens
{
    public const string Issuer = "https://auth.bench.example.nl";
    public const string Audience = "https://eligibility.bench.example.nl";

    public BenchTokens(string scope)
    {
        Key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "bench" };
        Token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = new Dictionary<string, object> { ["client_id"] = "bench", ["scope"] = scope },
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha256),
        });
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(Key.Rsa.ExportParameters(false)) { KeyId = "bench" });
        JwksFile = Path.Combine(Directory.CreateTempSubdirectory("bench-jwks-").FullName, "jwks.json");
        File.WriteAllText(JwksFile, $$"""{"keys":[{"kty":"RSA","kid":"bench","use":"sig","n":"{{jwk.N}}","e":"{{jwk.E}}"}]}""");
    }

    public RsaSecurityKey Key { get; }
    public string Token { get; }
    public string JwksFile { get; }
}
