using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EligibilityEngine.GrpcHost.Security;

/// <summary>
/// Validates a bearer token once and trusts the outcome for the same token until it expires, at most for
/// <see cref="MaxTrust"/>: a client sends the same token with every call for its lifetime, and checking its RSA signature
/// and claims anew each time was most of the cost of authentication (docs/performance.md). Only valid tokens are kept; a
/// signing key withdrawn by the authorisation server stops being trusted for cached tokens after at most
/// <see cref="MaxTrust"/>. The cache holds at most <see cref="MaxEntries"/> tokens; beyond that nothing new is kept.
/// </summary>
public sealed class CachingTokenHandler(TimeProvider time) : JsonWebTokenHandler
{
    public static readonly TimeSpan MaxTrust = TimeSpan.FromMinutes(5);
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (TokenValidationResult Result, DateTimeOffset Until)> _valid = new(StringComparer.Ordinal);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = time.GetUtcNow();
        if (_valid.TryGetValue(token, out var known))
        {
            if (known.Until > now) return Copy(known.Result);
            _valid.TryRemove(token, out _);
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is { } validated)
        {
            var until = new DateTimeOffset(DateTime.SpecifyKind(validated.ValidTo, DateTimeKind.Utc));
            if (until > now + MaxTrust) until = now + MaxTrust;
            if (_valid.Count >= MaxEntries) RemoveExpired(now);
            if (_valid.Count < MaxEntries) _valid[token] = (result, until);
        }

        return Copy(result);
    }

    // Each request gets its own identity: nothing one request adds to its user reaches another.
    private static TokenValidationResult Copy(TokenValidationResult result) => !result.IsValid ? result : new TokenValidationResult
    {
        IsValid = true,
        ClaimsIdentity = result.ClaimsIdentity.Clone(),
        SecurityToken = result.SecurityToken,
        Issuer = result.Issuer,
        TokenType = result.TokenType,
    };

    private void RemoveExpired(DateTimeOffset now)
    {
        foreach (var (token, entry) in _valid)
            if (entry.Until <= now) _valid.TryRemove(token, out _);
    }
}
