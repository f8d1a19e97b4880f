using BenchmarkDotNet.Attributes;
using EligibilityEngine.Host.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EligibilityEngine.Benchmarks;

/// <summary>
/// What authentication costs the host per call, beside the call itself (GrpcPipelineBenchmarks.WholeCall): validating a
/// bearer token (RS256, issuer, audience, lifetime) the first time and from the cache, and taking a permit from the
/// per-caller rate limiter.
/// </summary>
[MemoryDiagnoser]
public class SecurityBenchmarks
{
    private readonly JsonWebTokenHandler _plain = new();
    private readonly CachingTokenHandler _caching = new(TimeProvider.System, TimeSpan.FromHours(1));
    private TokenValidationParameters _parameters = null!;
    private string _token = null!;
    private System.Threading.RateLimiting.PartitionedRateLimiter<HttpContext> _limiter = null!;
    private DefaultHttpContext _context = null!;

    [GlobalSetup]
    public void Setup()
    {
        var tokens = new BenchTokens("beoordelen");
        _token = tokens.Token;
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = BenchTokens.Issuer,
            ValidAudience = BenchTokens.Audience,
            IssuerSigningKey = tokens.Key,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        };
        _limiter = SecuritySetup.CallerLimiter(new SecurityOptions.RateLimitOptions { PermitsPerSecond = 1_000_000_000, Burst = 1_000_000_000 });
        _context = new DefaultHttpContext();
        _context.Connection.RemoteIpAddress = System.Net.IPAddress.Loopback;
    }

    [Benchmark(Baseline = true)]
    public async Task<bool> ValidateToken() => (await _plain.ValidateTokenAsync(_token, _parameters)).IsValid;

    [Benchmark]
    public async Task<bool> ValidateTokenCached() => (await _caching.ValidateTokenAsync(_token, _parameters)).IsValid;

    [Benchmark]
    public bool RateLimitPermit()
    {
        using var lease = _limiter.AttemptAcquire(_context);
        return lease.IsAcquired;
    }
}
