using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EligibilityEngine.Host.Security;

/// <summary>
/// Validates a bearer token once and trusts the outcome for the same token until it expires, at most for
/// <see cref="MaxTrust"/>: a client sends the same token with every call for its lifetime, and checking its RSA signature
/// and claims anew each time was most of the cost of authentication (docs/performance.md). Only valid tokens are kept; a
/// signing key withdrawn by the authorisation server stops being trusted for cached tokens after at most
/// <see cref="MaxTrust"/>. The cache holds at most <see cref="MaxEntries"/> tokens; beyond that nothing new is kept.
/// A token that passes IdentityModel's checks is also refused when its header has <c>crit</c> (RFC 7515 §4.1.11: the
/// extensions it names must be understood, and this host understands none), or when it was issued for longer than
/// <paramref name="maxLifetime"/> (a stolen token that lives for a year is a year's access); IdentityModel checks
/// neither (issue #22).
/// </summary>
public sealed class CachingTokenHandler(TimeProvider time, TimeSpan maxLifetime) : JsonWebTokenHandler
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
        if (result.IsValid && result.SecurityToken is JsonWebToken jwt && Refusal(jwt, now) is { } refusal)
            return new TokenValidationResult { IsValid = false, Exception = refusal };
        if (result.IsValid && result.SecurityToken is { } validated)
        {
            var until = new DateTimeOffset(DateTime.SpecifyKind(validated.ValidTo, DateTimeKind.Utc));
            if (until > now + MaxTrust) until = now + MaxTrust;
            if (_valid.Count >= MaxEntries) RemoveExpired(now);
            if (_valid.Count < MaxEntries) _valid[token] = (result, until);
        }

        return Copy(result);
    }

    private SecurityTokenValidationException? Refusal(JsonWebToken token, DateTimeOffset now)
    {
        if (token.TryGetHeaderValue<object>("crit", out _))
            return new SecurityTokenCriticalHeaderException("the token's header names critical extensions (crit); none is supported");
        // Its lifetime from when it was issued (else valid from); a token that says neither is measured from now.
        var from = token.IssuedAt > DateTime.MinValue ? token.IssuedAt : token.ValidFrom > DateTime.MinValue ? token.ValidFrom : now.UtcDateTime;
        return token.ValidTo - from > maxLifetime
            ? new SecurityTokenLifetimeTooLongException($"the token is valid for {token.ValidTo - from}; at most {maxLifetime} is accepted")
            : null;
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

/// <summary>A token whose header names critical extensions (<c>crit</c>), which this host does not understand.</summary>
public sealed class SecurityTokenCriticalHeaderException(string message) : SecurityTokenValidationException(message);

/// <summary>A token issued for longer than <c>Security:Jwt:MaxLifetimeMinutes</c>.</summary>
public sealed class SecurityTokenLifetimeTooLongException(string message) : SecurityTokenInvalidLifetimeException(message);
