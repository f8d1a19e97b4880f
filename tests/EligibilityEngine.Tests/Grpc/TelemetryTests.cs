using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using EligibilityEngine.Grpc.V1;
using EligibilityEngine.Host.Telemetry;
using EligibilityEngine.Tests.Support;
using Grpc.Core;

namespace EligibilityEngine.Tests.Grpc;

/// <summary>What an OpenTelemetry collector receives from the host: spans and metrics of decisions, nothing about the person.</summary>
[Trait(Category.Name, Category.Process)]
public sealed class TelemetryTests(RunningHost host) : IClassFixture<RunningHost>
{
    private static EvaluateRequest Sample() => Google.Protobuf.JsonParser.Default.Parse<EvaluateRequest>(
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "requests", "positief-advies.json")));

    // Facts of the sample request and its correlation id: none may appear in any attribute.
    private static readonly string[] PersonalValues = ["1994-05-17", "GM0014", "voorbeeld-positief-advies"];

    [Fact]
    public async Task Decisions_are_counted_by_outcome_and_rule_set_version_and_timed_with_their_audit_write_and_nothing_about_the_person()
    {
        var measurements = new ConcurrentBag<(string Instrument, double Value, Dictionary<string, string?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == DecisionTelemetry.Name) l.EnableMeasurementEvents(instrument); };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measurements.Add((instrument.Name, value, Tags(tags))));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => measurements.Add((instrument.Name, value, Tags(tags))));
        listener.Start();

        await new EligibilityService.EligibilityServiceClient(host.Channel).EvaluateAsync(Sample());

        measurements.ShouldContain(m => m.Instrument == "eligibility.decisions" && m.Value == 1
            && m.Tags["eligibility.ruleset.version"] == "2018-01-01" && m.Tags["eligibility.outcome"] == "advies" && m.Tags["eligibility.outcome.value"] == "positief");
        measurements.ShouldContain(m => m.Instrument == "eligibility.evaluation.duration" && m.Value > 0 && m.Tags["eligibility.engine"] == "NRules");
        measurements.ShouldContain(m => m.Instrument == "eligibility.audit.write.duration" && m.Value > 0);
        measurements.SelectMany(m => m.Tags.Values).Where(v => v is not null && PersonalValues.Any(v.Contains)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_evaluation_span_starts_a_trace_linked_to_the_callers_traceparent_and_carries_the_rule_set_not_the_person()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is DecisionTelemetry.Name or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        var (traceId, callerSpan) = (ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom());

        await new EligibilityService.EligibilityServiceClient(host.Channel).EvaluateAsync(Sample(),
            new Metadata { { "traceparent", $"00-{traceId}-{callerSpan}-01" } });

        // Logboek Dataverwerkingen: the caller's operation is another party's (a link), the processing here a trace of its own.
        var span = spans.Single(s => s.OperationName == DecisionTelemetry.SpanName && s.Links.Any(l => l.Context.TraceId == traceId));
        span.Links.Single().Context.SpanId.ShouldBe(callerSpan);
        span.TraceId.ShouldNotBe(traceId);
        span.ParentSpanId.ShouldBe(default);
        span.Status.ShouldBe(ActivityStatusCode.Ok);
        span.GetTagItem("eligibility.ruleset.version").ShouldBe("2018-01-01");
        span.GetTagItem("eligibility.engine").ShouldBe("NRules 1.0.4");
        spans.Where(s => s.TraceId == traceId || s.TraceId == span.TraceId).SelectMany(s => s.TagObjects).Select(t => t.Value?.ToString())
            .Where(v => v is not null && PersonalValues.Any(v.Contains)).ShouldBeEmpty();
    }

    [Fact]
    public async Task With_an_otlp_endpoint_configured_spans_and_metrics_reach_the_collector_without_the_persons_facts()
    {
        // A collector on a free port that keeps what is posted to it (OTLP over HTTP: protobuf, whose strings are UTF-8).
        var received = new Dictionary<string, List<byte[]>>();
        var port = RunningHost.FreePort();
        await using var collector = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(new Microsoft.AspNetCore.Builder.WebApplicationOptions
            { Args = [$"--urls=http://127.0.0.1:{port}"], ContentRootPath = Path.GetTempPath() }).Build();
        Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapPost(collector, "/v1/{signal}", async (Microsoft.AspNetCore.Http.HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            lock (received) (received.TryGetValue(context.Request.Path!, out var list) ? list : received[context.Request.Path!] = []).Add(body.ToArray());
            return Microsoft.AspNetCore.Http.Results.Ok();
        });
        await collector.StartAsync();
        await using var exporting = await RunningHost.StartAsync(RepositoryPaths.Rules,
            $"--OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:{port}", "--OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf",
            "--OTEL_BSP_SCHEDULE_DELAY=100", "--OTEL_METRIC_EXPORT_INTERVAL=200");

        await new EligibilityService.EligibilityServiceClient(exporting.Channel).EvaluateAsync(Sample());

        string Text(string path)
        {
            lock (received) return string.Concat((received.TryGetValue(path, out var bodies) ? bodies.ToList() : []).Select(System.Text.Encoding.UTF8.GetString));
        }

        var waited = Stopwatch.StartNew();
        while (!(Text("/v1/traces").Contains(DecisionTelemetry.SpanName) && Text("/v1/metrics").Contains("eligibility.decisions")) && waited.Elapsed < TimeSpan.FromSeconds(20))
            await Task.Delay(100);
        Text("/v1/traces").ShouldContain(DecisionTelemetry.SpanName);
        Text("/v1/metrics").ShouldContain("eligibility.decisions");
        foreach (var value in PersonalValues) (Text("/v1/traces") + Text("/v1/metrics")).ShouldNotContain(value);
    }

    private static Dictionary<string, string?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, string?>();
        foreach (var tag in tags) copy[tag.Key] = tag.Value?.ToString();
        return copy;
    }
}
