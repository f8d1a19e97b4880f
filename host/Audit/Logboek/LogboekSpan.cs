using EligibilityEngine.Audit;
using EligibilityEngine.Host.Otlp.Collector;
using EligibilityEngine.Host.Otlp.Common;
using EligibilityEngine.Host.Otlp.Resource;
using EligibilityEngine.Host.Otlp.Trace;
using Google.Protobuf;

namespace EligibilityEngine.Host.Audit.Logboek;

/// <summary>
/// A decision record as the Logboek Dataverwerkingen log line, in OTLP (docs/audit.md has the table, field by field):
/// the span's trace and span id are the standard's <c>trace_id</c> and <c>operation_id</c>, its status the standard's
/// <c>status_code</c> (the same enumeration), the caller's operation <c>foreign_operation</c> (attributes named after the
/// standard's fields, and a span link), the <c>dpl.core.*</c> attributes, and the record's place in the hash chain, so a
/// Logboek holds what proves the local store unchanged.
/// </summary>
public static class LogboekSpan
{
    public const string ScopeName = "EligibilityEngine.Audit";

    public static ExportTraceServiceRequest Request(IEnumerable<ChainedRecord> records, Resource resource) => new()
    {
        ResourceSpans =
        {
            new ResourceSpans
            {
                Resource = resource,
                ScopeSpans = { new ScopeSpans { Scope = new InstrumentationScope { Name = ScopeName, Version = Version }, Spans = { records.Select(Of) } } },
            },
        },
    };

    /// <summary>The standard's <c>resource</c>: the service's name and version, and the organisation's own attributes.</summary>
    public static Resource Resource(string serviceName, IReadOnlyDictionary<string, string> attributes)
    {
        var resource = new Resource { Attributes = { Text("service.name", serviceName), Text("service.version", Version) } };
        foreach (var (key, value) in attributes) resource.Attributes.Add(Text(key, value));
        return resource;
    }

    public static Span Of(ChainedRecord chained)
    {
        var record = chained.Record;
        var op = record.Operation;
        var span = new Span
        {
            TraceId = Bytes(op.TraceId),
            SpanId = Bytes(op.SpanId),
            Name = op.Name,
            Kind = Span.Types.SpanKind.Server,
            StartTimeUnixNano = Nanos(op.StartTime),
            EndTimeUnixNano = Nanos(op.EndTime),
            Status = new Status { Code = StatusCode(op.Status) },
        };
        if (op.ParentSpanId is { } parent) span.ParentSpanId = Bytes(parent);
        Add(span, "dpl.core.processing_activity_id", op.ProcessingActivityId);
        Add(span, "dpl.core.data_subject_id", op.DataSubjectId);
        Add(span, "dpl.core.data_subject_id_type", op.DataSubjectIdType);
        if (op.ForeignOperation is { } foreign)
        {
            Add(span, "dpl.core.foreign_operation.trace_id", foreign.TraceId);
            Add(span, "dpl.core.foreign_operation.operation_id", foreign.OperationId);
            Add(span, "dpl.core.foreign_operation.entity", foreign.Entity);
            var link = new Span.Types.Link { TraceId = Bytes(foreign.TraceId), SpanId = Bytes(foreign.OperationId) };
            if (foreign.Entity is { } entity) link.Attributes.Add(Text("dpl.core.foreign_operation.entity", entity));
            span.Links.Add(link);
        }

        Add(span, "eligibility.decision_id", record.DecisionId.ToString());
        span.Attributes.Add(new KeyValue { Key = "eligibility.audit.chain.position", Value = new AnyValue { IntValue = chained.Position } });
        Add(span, "eligibility.audit.chain.previous_hash", chained.PreviousHash);
        Add(span, "eligibility.audit.chain.hash", chained.ChainHash);
        Add(span, "eligibility.input_hash", record.InputHash);
        Add(span, "eligibility.channel", record.Channel);
        Add(span, "eligibility.ruleset.version", record.Decision.RuleSet.Version);
        Add(span, "eligibility.ruleset.hash", record.Decision.RuleSet.ContentHash);
        Add(span, "eligibility.engine", $"{record.Decision.Engine.Name} {record.Decision.Engine.Version}");
        Add(span, "eligibility.outcomes", record.Decision.OutcomeSummary);
        return span;
    }

    /// <summary>The standard's enumeration is OTLP's: 0 unknown (unset), 1 OK, 2 ERROR.</summary>
    public static Status.Types.StatusCode StatusCode(string status) => status switch
    {
        "Ok" => Status.Types.StatusCode.Ok,
        "Error" => Status.Types.StatusCode.Error,
        _ => Status.Types.StatusCode.Unset,
    };

    private static readonly string Version = typeof(LogboekSpan).Assembly.GetName().Version?.ToString() ?? "0";

    private static void Add(Span span, string key, string? value)
    {
        if (value is not null) span.Attributes.Add(Text(key, value));
    }

    private static KeyValue Text(string key, string value) => new() { Key = key, Value = new AnyValue { StringValue = value } };

    private static ByteString Bytes(string hex) => ByteString.CopyFrom(Convert.FromHexString(hex));

    private static ulong Nanos(DateTimeOffset time) => (ulong)(time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
}
