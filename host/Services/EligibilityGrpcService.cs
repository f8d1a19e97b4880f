using EligibilityEngine.Compilation;
using EligibilityEngine.Decisions;
using EligibilityEngine.Facts;
using EligibilityEngine.Cases;
using EligibilityEngine.Review;
using Microsoft.Extensions.Options;
using Grpc.Core;
using V1 = EligibilityEngine.Grpc.V1;

namespace EligibilityEngine.Host.Services;

/// <summary>
/// eligibility.v1.EligibilityService. Errors carry a status code and, for bad input, a google.rpc.BadRequest naming
/// every bad field; no exception text reaches the client. Logs hold the correlation id, rule-set hash, outcomes and
/// timing — never facts about the person.
/// </summary>
public sealed class EligibilityGrpcService(
    RuleLibraryHolder holder, Audit.DecisionLog decisionLog, IOptions<ImpactOptions> impact, IOptions<Security.SecurityOptions> security,
    Security.StreamItemLimit itemLimit, TimeProvider time, ILogger<EligibilityGrpcService> logger)
    : V1.EligibilityService.EligibilityServiceBase
{
    public override async Task<V1.EvaluateResponse> Evaluate(V1.EvaluateRequest request, ServerCallContext context)
    {
        var (decision, error) = await DecideAsync(request, context, time.GetUtcNow());
        if (error is not null) throw error.ToRpcException();
        return new V1.EvaluateResponse { CorrelationId = request.CorrelationId, Decision = decision };
    }

    public override async Task EvaluateBatch(IAsyncStreamReader<V1.EvaluateBatchRequest> requests, IServerStreamWriter<V1.EvaluateBatchResponse> responses, ServerCallContext context)
    {
        var index = 0;
        await foreach (var item in MalformedMessage.ReadAll(requests, context.CancellationToken))
        {
            context.CancellationToken.ThrowIfCancellationRequested(); // the caller's deadline bounds the whole batch
            itemLimit.Take(context, index++);
            var request = item.Request ?? new V1.EvaluateRequest();
            var (decision, error) = await DecideAsync(request, context, time.GetUtcNow());
            var response = new V1.EvaluateBatchResponse { CorrelationId = request.CorrelationId };
            if (error is null) response.Decision = decision;
            else response.Error = error.ToItemError();
            await responses.WriteAsync(response, context.CancellationToken);
        }
    }

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

    public override Task<V1.DiffRuleSetsResponse> DiffRuleSets(V1.DiffRuleSetsRequest request, ServerCallContext context)
    {
        var library = Library();
        var (from, to) = (Resolve(library, request.From, "from"), Resolve(library, request.To, "to"));
        return Task.FromResult(ReviewMapper.Diff(RuleSetDiff.Compare(from, to)));
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

    public override async Task<V1.GetDecisionRecordResponse> GetDecisionRecord(V1.GetDecisionRecordRequest request, ServerCallContext context)
    {
        if (!Guid.TryParse(request.DecisionId, out var id))
            throw CallError.InvalidArgument([CallError.Violation("decision_id", ViolationReason.InvalidValue, "must be a decision id (a UUID)")]).ToRpcException();
        var owner = Reader(context);
        // Another organisation's record is not found: its existence is not the caller's business either.
        var record = await ReadRecords(store => store.FindAsync(id, context.CancellationToken)) is { } found && (owner is null || owner.Made(found))
            ? found : throw new RpcException(new global::Grpc.Core.Status(StatusCode.NotFound, $"no decision {id}"));
        return new V1.GetDecisionRecordResponse { Record = Audit.RecordMapper.Map(record) };
    }

    public override async Task<V1.ListDecisionRecordsResponse> ListDecisionRecords(V1.ListDecisionRecordsRequest request, ServerCallContext context)
    {
        var mapper = new RequestMapper();
        var (from, to) = (mapper.Date(request.From, "from"), mapper.Date(request.To, "to"));
        if (request.PageSize is < 0 or > 1000) mapper.Violation("page_size", ViolationReason.OutOfRange, "must be 1 to 1000 (0: 100)");
        Guid? after = null;
        if (request.PageToken.Length > 0)
        {
            if (Guid.TryParse(request.PageToken, out var token)) after = token;
            else mapper.Violation("page_token", ViolationReason.InvalidValue, "is not a next_page_token this service gave");
        }

        if (mapper.Violations.Count > 0) throw CallError.InvalidArgument(mapper.Violations).ToRpcException();
        var size = request.PageSize == 0 ? 100 : request.PageSize;
        var query = new EligibilityEngine.Audit.RecordQuery(Midnight(from), Midnight(to), NonEmpty(request.RuleSetHash), NonEmpty(request.Outcome),
            Limit: size + 1, After: after, Owner: Reader(context));
        var records = await ReadRecords(store => store.ListAsync(query, context.CancellationToken));
        var response = new V1.ListDecisionRecordsResponse();
        response.Records.Add(records.Take(size).Select(Audit.RecordMapper.Map));
        if (records.Count > size) response.NextPageToken = records[size - 1].DecisionId.ToString();
        return response;

        static DateTimeOffset? Midnight(DateOnly? date) => date is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
        static string? NonEmpty(string text) => text.Length == 0 ? null : text;
    }

    /// <summary>Whose records the caller reads (<see cref="Audit.RecordAccess"/>); null: all, for an auditor.</summary>
    private EligibilityEngine.Audit.RecordOwner? Reader(ServerCallContext context)
    {
        try
        {
            return Audit.RecordAccess.Of(context.GetHttpContext(), security.Value);
        }
        catch (Audit.UnknownReaderException unknown)
        {
            throw new RpcException(new global::Grpc.Core.Status(StatusCode.PermissionDenied, unknown.Message));
        }
    }

    /// <summary>A read of the audit log; a deployment without records, or a store that cannot be reached, is said so.</summary>
    private async Task<T> ReadRecords<T>(Func<EligibilityEngine.Audit.IDecisionStore, Task<T>> read)
    {
        if (decisionLog.Store is not { } store)
            throw new RpcException(new global::Grpc.Core.Status(StatusCode.FailedPrecondition, "this deployment keeps no decision records (Audit:Enabled=false)"));
        try
        {
            return await read(store);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or TimeoutException)
        {
            logger.LogError("Audit log not readable: {Fault}: {Message}", ex.GetType().Name, ex.Message);
            throw new RpcException(new global::Grpc.Core.Status(StatusCode.Unavailable, "the audit log cannot be read now; try again later"));
        }
    }

    /// <summary>A version named by id, hash prefix or date; a name that is empty or unknown is the caller's error.</summary>
    private static CompiledRuleSet Resolve(RuleLibrary library, string reference, string field)
    {
        if (string.IsNullOrEmpty(reference))
            throw CallError.InvalidArgument([CallError.Violation(field, ViolationReason.Required, "is required: a version id, a content-hash prefix or a date YYYY-MM-DD")]).ToRpcException();
        try
        {
            return library.Resolve(reference);
        }
        catch (Exception ex) when (CallError.From(ex) is { } error)
        {
            throw error.ToRpcException();
        }
    }


    private static readonly EvaluationOptions WithoutTimeline = EvaluationOptions.Default with { Timeline = false };

    /// <summary>What Evaluate asks of the engine for a request: the levensloop only when the caller asks for it.</summary>
    internal static EvaluationOptions OptionsFor(V1.EvaluateRequest request) => request.IncludeTimeline ? EvaluationOptions.Default : WithoutTimeline;

    private RuleLibrary Library() =>
        holder.Library ?? throw new RpcException(new global::Grpc.Core.Status(StatusCode.Unavailable, "rule sets are not loaded yet"));

    /// <summary>
    /// One case: the decision, committed to the audit log before it is returned, or the error Evaluate raises (and a
    /// batch returns for that item). Stops with the caller's deadline or cancellation; a decision that cannot be
    /// recorded is not given (UNAVAILABLE).
    /// </summary>
    private async Task<(V1.Decision? Decision, CallError? Error)> DecideAsync(V1.EvaluateRequest request, ServerCallContext context, DateTimeOffset receivedAt)
    {
        var library = Library();
        var mapper = new RequestMapper();
        var (@case, asOf, subject) = mapper.MapEvaluation(request);
        if (mapper.Violations.Count > 0) return (null, CallError.InvalidArgument(mapper.Violations));
        if (subject is not null && decisionLog.Enabled && !decisionLog.TakesDataSubjects)
            return (null, new CallError(StatusCode.FailedPrecondition, EligibilityEngine.Audit.DecisionRecordFactory.NoPseudonymKey, []));

        var foreign = Audit.CallRecording.ForeignOperation(context.GetHttpContext(), logger);
        using var span = Telemetry.DecisionTelemetry.StartEvaluation(foreign);
        Decision decision;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            decision = library.Evaluate(@case, asOf, OptionsFor(request), string.IsNullOrEmpty(request.Version) ? null : request.Version, context.CancellationToken);
            Telemetry.DecisionTelemetry.Decided(span, decision, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
        catch (Exception ex) when (CallError.From(ex) is { } error)
        {
            logger.LogInformation("Refused a case: {Code}", error.Code);
            return (null, error);
        }

        Guid? decisionId;
        try
        {
            decisionId = await decisionLog.RecordAsync(decision, @case, Audit.CallRecording.Context(context.GetHttpContext(), span, foreign, receivedAt, subject));
        }
        catch (Audit.DecisionNotRecordedException notRecorded)
        {
            Telemetry.DecisionTelemetry.Failed(span);
            return (null, new CallError(StatusCode.Unavailable, notRecorded.Message, []));
        }

        // The arguments cost more than the call: build them only when the line is written. Nothing of the request is
        // logged, the correlation id neither (a caller may put a citizen service number in it): the decision id, which
        // the caller gets back, finds the line.
        if (logger.IsEnabled(LogLevel.Information))
            logger.LogInformation("Evaluated {DecisionId} with {Version} sha256 {Hash}: {Outcomes} in {Elapsed} ms",
                decisionId, decision.RuleSet.Version, decision.RuleSet.ContentHash[..12],
                string.Join(",", decision.Outcomes.Select(o => $"{o.Id}={o.Value}")),
                System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        var mapped = DecisionMapper.Map(decision);
        mapped.DecisionId = decisionId?.ToString() ?? "";
        return (mapped, null);
    }
}
