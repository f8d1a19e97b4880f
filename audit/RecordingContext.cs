using System.Diagnostics;

namespace EligibilityEngine.Audit;

/// <summary>What a front end knows about one evaluation besides the case: how and by whom it was asked, when, in
/// which trace, and for which data subject.</summary>
public sealed record RecordingContext(string Channel, RecordedCaller Caller, DateTimeOffset ReceivedAt, TraceIds Trace, DataSubject? Subject);

/// <summary>The person a decision is about, as the caller identifies them (e.g. type BSN). Only its pseudonym is kept.</summary>
public sealed record DataSubject(string Id, string IdType);

/// <summary>The W3C trace context of an evaluation: its trace, its own span and the caller's span (if it sent one).</summary>
public sealed record TraceIds(string TraceId, string SpanId, string? ParentSpanId)
{
    /// <summary>
    /// The ids of <paramref name="operation"/> (the evaluation's span, when tracing made one) in the trace of
    /// <paramref name="caller"/> (from the caller's <c>traceparent</c>). Without either, fresh ids: a record never
    /// depends on whether traces are sampled or exported.
    /// </summary>
    public static TraceIds Of(Activity? operation, ActivityContext? caller)
    {
        var traceId = operation?.TraceId ?? caller?.TraceId ?? ActivityTraceId.CreateRandom();
        var spanId = operation?.SpanId ?? ActivitySpanId.CreateRandom();
        return new TraceIds(traceId.ToHexString(), spanId.ToHexString(), caller?.SpanId.ToHexString());
    }
}
