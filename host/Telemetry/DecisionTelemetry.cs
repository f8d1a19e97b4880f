using System.Diagnostics;
using System.Diagnostics.Metrics;
using EligibilityEngine.Decisions;

namespace EligibilityEngine.Host.Telemetry;

/// <summary>
/// The host's own traces and metrics, under the name <see cref="Name"/>: a span per judged case
/// (<c>beoordelen-beschut-werk</c>, linked to the caller's <c>traceparent</c> when it sends one), a counter of decisions
/// per outcome value and rule-set version, and a histogram of evaluation time. Only rule-set, engine and outcome
/// values are attributes: nothing about the person. Free when nobody listens (no exporter configured).
/// </summary>
public static class DecisionTelemetry
{
    public const string Name = "EligibilityEngine";

    /// <summary>The span name, as the Logboek Dataverwerkingen names the processing.</summary>
    public const string SpanName = EligibilityEngine.Audit.ProcessingOperation.EvaluationName;

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Decisions = Meter.CreateCounter<long>(
        "eligibility.decisions", description: "Decisions given, one per outcome of each judged case, by outcome value and rule-set version.");

    private static readonly Histogram<double> EvaluationTime = Meter.CreateHistogram<double>(
        "eligibility.evaluation.duration", unit: "s", description: "Time to judge one case, levensloop included.");

    private static readonly Histogram<double> AuditWriteTime = Meter.CreateHistogram<double>(
        "eligibility.audit.write.duration", unit: "s", description: "Time from handing a decision's record to the audit log until it is committed (or failed).");

    /// <summary>
    /// The evaluation's span. Called by another party (<paramref name="foreign"/>, its <c>traceparent</c>), it starts a
    /// trace of its own linked to the caller's operation: the Logboek Dataverwerkingen groups an organisation's
    /// processing in its own trace and names the other party's operation as <c>foreign_operation</c>.
    /// </summary>
    public static Activity? StartEvaluation(ActivityContext? foreign)
    {
        if (foreign is not { } caller) return Source.StartActivity(SpanName);
        var request = Activity.Current;
        Activity.Current = null;
        var span = Source.StartActivity(SpanName, ActivityKind.Internal, default(ActivityContext), links: [new ActivityLink(caller)]);
        // No listener, no span: the request's activity stays current.
        if (span is null) Activity.Current = request;
        return span;
    }

    /// <summary>A decision given: its span's attributes and status, and the metrics.</summary>
    public static void Decided(Activity? span, Decision decision, TimeSpan elapsed)
    {
        var version = new KeyValuePair<string, object?>("eligibility.ruleset.version", decision.RuleSet.Version);
        if (Decisions.Enabled)
            foreach (var outcome in decision.Outcomes)
                Decisions.Add(1, version, new("eligibility.outcome", outcome.Id), new("eligibility.outcome.value", outcome.Value));
        if (EvaluationTime.Enabled)
            EvaluationTime.Record(elapsed.TotalSeconds, version, new("eligibility.engine", decision.Engine.Name));
        if (span is null) return;
        span.SetTag(version.Key, version.Value);
        span.SetTag("eligibility.ruleset.hash", decision.RuleSet.ContentHash);
        span.SetTag("eligibility.engine", $"{decision.Engine.Name} {decision.Engine.Version}");
        // Every legal outcome is a successful processing, a negative or undetermined one as much as a positive one.
        span.SetStatus(ActivityStatusCode.Ok);
    }

    public static void Recorded(TimeSpan elapsed)
    {
        if (AuditWriteTime.Enabled) AuditWriteTime.Record(elapsed.TotalSeconds);
    }

    /// <summary>A technical fault after the evaluation (the record could not be written): the span's status is Error.</summary>
    public static void Failed(Activity? span) => span?.SetStatus(ActivityStatusCode.Error, "decision not recorded");
}
