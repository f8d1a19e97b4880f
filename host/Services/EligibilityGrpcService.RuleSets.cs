using EligibilityEngine.Facts;
using EligibilityEngine.Cases;
using EligibilityEngine.Review;
using Microsoft.Extensions.Options;
using Grpc.Core;
using V1 = EligibilityEngine.Grpc.V1;

namespace EligibilityEngine.Host.Services;

/// <summary>The rule sets loaded: every version, or one with its rules, parameters, outcomes and sources.</summary>
public sealed partial class EligibilityGrpcService
{
    public override Task<V1.ListRuleSetsResponse> ListRuleSets(V1.ListRuleSetsRequest request, ServerCallContext context)
    {
        var library = Library();
        var response = new V1.ListRuleSetsResponse { State = new V1.RuleSetState { LoadedAt = holder.LoadedAt.ToString("O") } };
        response.Versions.Add(library.Versions.Select(v => RuleSetMapper.Summary(library, v)));
        response.State.ContentHashes.Add(library.Versions.Select(v => v.Reference.ContentHash));
        if (holder.LastFailure is { } failure)
            response.State.LastRefusedChange = new V1.RefusedChange { At = failure.At.ToString("O"), ErrorCount = failure.Errors.Count, FirstError = failure.Errors[0] };
        return Task.FromResult(response);
    }

    public override Task<V1.GetRuleSetResponse> GetRuleSet(V1.GetRuleSetRequest request, ServerCallContext context)
    {
        var mapper = new RequestMapper();
        var asOf = mapper.Date(request.AsOf, "as_of");
        if (string.IsNullOrEmpty(request.Version) && asOf is null && mapper.Violations.Count == 0)
            mapper.Violation("as_of", ViolationReason.Required, "give as_of (YYYY-MM-DD) or version");
        if (mapper.Violations.Count > 0) throw CallError.InvalidArgument(mapper.Violations).ToRpcException();
        try
        {
            var library = Library();
            var set = library.Select(asOf ?? DateOnly.MaxValue, string.IsNullOrEmpty(request.Version) ? null : request.Version);
            return Task.FromResult(RuleSetMapper.Complete(library, set));
        }
        catch (Exception ex) when (CallError.From(ex) is { } error)
        {
            throw error.ToRpcException();
        }
    }
}
