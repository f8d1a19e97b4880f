using EligibilityEngine.Decisions;
using EligibilityEngine.Facts;
using EligibilityEngine.Cases;
using EligibilityEngine.Review;
using EligibilityEngine.Verification;
using Grpc.Core;
using V1 = EligibilityEngine.Grpc.V1;

namespace EligibilityEngine.Host.Services;

/// <summary>Reviewing a change of the rules: the semantic diff of two versions and the decisions it would change.</summary>
public sealed partial class EligibilityGrpcService
{
    public override Task<V1.DiffRuleSetsResponse> DiffRuleSets(V1.DiffRuleSetsRequest request, ServerCallContext context)
    {
        var library = Library();
        var (from, to) = (Resolve(library, request.From, "from"), Resolve(library, request.To, "to"));
        var response = ReviewMapper.Diff(RuleSetDiff.Compare(from, to));
        if (request.Exact) response.Exact = ReviewMapper.Exact(PrecomputedExact(from.Reference, to.Reference));
        return Task.FromResult(response);
    }

    /// <summary>The exact difference `eligibility exact-diffs` left for these two versions' content; a file that cannot be
    /// read is the server's fault, not the caller's.</summary>
    private PrecomputedExactDiff? PrecomputedExact(RuleSetReference from, RuleSetReference to)
    {
        try
        {
            return precomputed.ExactDiff(from, to);
        }
        catch (InvalidDataException ex)
        {
            logger.LogError("The file of exact differences cannot be read: {Reason}", ex.Message);
            throw new RpcException(new global::Grpc.Core.Status(StatusCode.Internal, "the precomputed exact differences cannot be read"));
        }
    }

    public override async Task<V1.ImpactAnalysisResponse> ImpactAnalysis(IAsyncStreamReader<V1.ImpactAnalysisRequest> requests, ServerCallContext context)
    {
        V1.ImpactSettings? settings = null;
        var cases = new List<V1.ImpactCase>();
        var mapper = new RequestMapper();
        await foreach (var item in MalformedMessage.ReadAll(requests, context.CancellationToken))
        {
            if (item.ItemCase == V1.ImpactAnalysisRequest.ItemOneofCase.Settings)
            {
                if (settings is not null) mapper.Violation("settings", ViolationReason.Duplicate, "may be sent only once, in the first message");
                settings = item.Settings;
            }
            else if (item.ItemCase == V1.ImpactAnalysisRequest.ItemOneofCase.Case)
            {
                if (settings is null) throw CallError.InvalidArgument([CallError.Violation("settings", ViolationReason.OutOfOrder, "must come in the first message, before any case")]).ToRpcException();
                itemLimit.Take(context, cases.Count);
                cases.Add(item.Case);
            }
        }

        if (settings is null) mapper.Violation("settings", ViolationReason.Required, "is required in the first message");
        return Impact(settings, mapper.ImpactCases(cases), mapper, context);
    }

    public override Task<V1.AnalyzeImpactResponse> AnalyzeImpact(V1.AnalyzeImpactRequest request, ServerCallContext context)
    {
        var mapper = new RequestMapper();
        var cases = mapper.ImpactRequest(request);
        return Task.FromResult(new V1.AnalyzeImpactResponse { Impact = Impact(request.Settings, cases, mapper, context) });
    }

    /// <summary>The impact analysis both methods run, once settings and cases are in.</summary>
    private V1.ImpactAnalysisResponse Impact(V1.ImpactSettings? settings, List<NamedCase> cases, RequestMapper mapper, ServerCallContext context)
    {
        var library = Library();
        if (mapper.Violations.Count > 0) throw CallError.InvalidArgument(mapper.Violations).ToRpcException();
        ImpactDates dates;
        try
        {
            dates = ImpactDates.Parse(string.IsNullOrEmpty(settings!.AsOf) ? "case" : settings.AsOf);
        }
        catch (ArgumentException ex)
        {
            throw CallError.InvalidArgument([CallError.Violation("settings.as_of", ViolationReason.InvalidValue, ex.Message)]).ToRpcException();
        }

        if (!string.IsNullOrEmpty(settings.Corpus))
        {
            if (cases.Count > 0) throw CallError.InvalidArgument([CallError.Violation("settings.corpus", ViolationReason.Conflict, "name a corpus or stream cases, not both")]).ToRpcException();
            if (!impact.Value.Corpora.TryGetValue(settings.Corpus, out var path))
                throw new RpcException(new global::Grpc.Core.Status(StatusCode.NotFound, $"no corpus {FactText.Echo(settings.Corpus)}; corpora: {string.Join(", ", impact.Value.Corpora.Keys.Order())}"));
            cases.AddRange(CaseCorpus.Load(RulesOptions.ResolveFolder(path)));
        }

        var (from, to) = (Resolve(library, settings.From, "settings.from"), Resolve(library, settings.To, "settings.to"));
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var report = Review.ImpactAnalysis.Run(library.Engine, from, to, cases, dates, context.CancellationToken);
            logger.LogInformation("Impact {From} -> {To}: {Changed} of {Cases} decisions change, in {Elapsed} ms",
                from.Reference.ContentHash[..12], to.Reference.ContentHash[..12], report.Changed.Count, report.Cases,
                System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return ReviewMapper.Impact(report);
        }
        catch (Exception ex) when (CallError.From(ex) is { } error)
        {
            throw error.ToRpcException();
        }
    }
}
