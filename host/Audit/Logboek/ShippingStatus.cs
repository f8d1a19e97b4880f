using System.Diagnostics.Metrics;

namespace EligibilityEngine.Host.Audit.Logboek;

/// <summary>
/// How shipping to the Logboek goes, for the health check and the metric <c>eligibility.audit.logboek.backlog</c>
/// (records committed here and not yet acknowledged by the Logboek): the backlog, the last acknowledgement and the
/// last failure. Written by the shipper only.
/// </summary>
public sealed class ShippingStatus
{
    public ShippingStatus(IMeterFactory meters)
    {
        meters.Create(Telemetry.DecisionTelemetry.Name).CreateObservableGauge("eligibility.audit.logboek.backlog", () => Backlog, "{record}",
            "Decision records committed and not yet acknowledged by the organisation's Logboek.");
    }

    private long _backlog;

    public long Backlog => Interlocked.Read(ref _backlog);

    /// <summary>Why the last attempt failed, and since when the Logboek acknowledges nothing; null once an export is
    /// acknowledged again. A class, so the health check never reads half of one.</summary>
    public ShippingFailure? Failure { get; private set; }

    /// <summary>False while another replica ships (PostgreSQL): this one keeps its records and waits.</summary>
    public bool Leading { get; private set; }

    /// <summary>This replica ships: <paramref name="acknowledged"/> is where it is.</summary>
    public void Progress(long acknowledged, long last) => Set(acknowledged, last, leading: true);

    /// <summary>Another replica ships (PostgreSQL): the backlog from the position it stored.</summary>
    public void Following(long acknowledged, long last) => Set(acknowledged, last, leading: false);

    private void Set(long acknowledged, long last, bool leading)
    {
        Interlocked.Exchange(ref _backlog, Math.Max(0, last - acknowledged));
        Leading = leading;
    }

    public void Acknowledged() => Failure = null;

    public void Failed(string reason, DateTimeOffset at) => Failure = new ShippingFailure(reason, Failure?.Since ?? at);
}

public sealed record ShippingFailure(string Reason, DateTimeOffset Since);
