using System.Threading.RateLimiting;
using Grpc.Core;

namespace EligibilityEngine.Host.Security;

/// <summary>
/// The rate limit per caller for the items of a stream (EvaluateBatch's requests, ImpactAnalysis' cases): the call
/// itself took one permit, each further item takes one more from the same bucket, so a stream does no more work than the
/// same cases sent one call each. A stream over the limit ends with RESOURCE_EXHAUSTED; what it answered stands.
/// </summary>
public sealed class StreamItemLimit(PartitionedRateLimiter<HttpContext> limiter, SecurityOptions.RateLimitOptions options)
{
    /// <summary>Takes a permit for the <paramref name="index"/>-th item of a stream (0: the call's own permit) or throws.</summary>
    public void Take(ServerCallContext context, int index)
    {
        if (index == 0) return;
        using var lease = limiter.AttemptAcquire(context.GetHttpContext());
        if (!lease.IsAcquired) throw new RpcException(new global::Grpc.Core.Status(StatusCode.ResourceExhausted, Refusal(options)));
    }

    /// <summary>What a caller over its rate is told, for a call and for a stream's item alike.</summary>
    public static string Refusal(SecurityOptions.RateLimitOptions options) =>
        $"Meer dan {options.PermitsPerSecond} verzoeken per seconde: probeer het over een seconde opnieuw.";
}
