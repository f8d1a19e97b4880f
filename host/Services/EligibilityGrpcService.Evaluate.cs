using EligibilityEngine.Decisions;
using EligibilityEngine.Review;
using Microsoft.Extensions.Options;
using Grpc.Core;
using V1 = EligibilityEngine.Grpc.V1;

namespace EligibilityEngine.Host.Services;

/// <summary>Evaluating cases: one, or a stream of them; each decision committed to the audit log before it is answered.</summary>
public sealed partial class EligibilityGrpcService
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

    private static readonly EvaluationOptions WithoutTimeline = EvaluationOptions.Default with { Timeline = false };

    /// <summary>What Evaluate asks of the engine for a request: the levensloop only when the caller asks for it.</summary>
    internal static EvaluationOptions OptionsFor(V1.EvaluateRequest request) => request.IncludeTimeline ? EvaluationOptions.Default : WithoutTimeline;
}
