using System.Diagnostics;

namespace EligibilityEngine.Audit;

/// <summary>What a front end knows about one evaluation besides the case: how and by whom it was asked, when, in
/// which trace, and for which data subject.</summary>
public sealed record RecordingContext(string Channel, RecordedCaller Caller, DateTimeOffset ReceivedAt, TraceIds Trace, DataSubject? Subject);

/// <summary>The person a decision is about, as the caller identifies them (e.g. type BSN). Only its pseudonym is kept.</summary>
public sealed record DataSubject(string Id, string IdType);

/// <summary>The trace context of an evaluation as the Logboek Dataverwerkingen records it: its trace and its own
/// operation, and the caller's operation when another application sent a W3C <c>traceparent</c>.</summary>
public sealed record TraceIds(string TraceId, string SpanId, ForeignOperation? Foreign)
{
    /// <summary>
    /// The ids of <paramref name="operation"/> (the evaluation's span, when tracing made one; a trace of its own when
    /// the caller is another party, see <c>DecisionTelemetry.StartEvaluation</c>) and the caller's operation
    /// (<paramref name="caller"/>, from its <c>traceparent</c>) as the foreign operation of <paramref name="callerEntity"/>.
    /// Without a span, fresh ids: a record never depends on whether traces are sampled or exported.
    /// </summary>
    public static TraceIds Of(Activity? operation, ActivityContext? caller, string? callerEntity = null)
    {
        // The standard's trace groups the operations within this organisation; the caller's trace is another's.
        var traceId = operation is not null && operation.TraceId != caller?.TraceId ? operation.TraceId : ActivityTraceId.CreateRandom();
        var spanId = operation?.SpanId ?? ActivitySpanId.CreateRandom();
        var foreign = caller is { } c ? new ForeignOperation(c.TraceId.ToHexString(), c.SpanId.ToHexString(), callerEntity) : null;
        return new TraceIds(traceId.ToHexString(), spanId.ToHexString(), foreign);
    }
}
