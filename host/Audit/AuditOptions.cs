namespace EligibilityEngine.Host.Audit;

/// <summary>The audit log's settings (section "Audit"); see docs/deployment.md.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>Off only for measurements: then the host gives decisions that leave no record, and says so at start.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>A SQLite file path (relative to the working directory) or a PostgreSQL connection string (<c>Host=…</c>).</summary>
    public string Store { get; set; } = "decisions.db";

    /// <summary>How long a SQLite write waits for a lock held by another process before the call fails.</summary>
    public int SqliteBusyTimeoutMilliseconds { get; set; } = 5000;

    /// <summary>At most this many records go into one transaction (group commit).</summary>
    public int MaxBatch { get; set; } = 256;

    /// <summary>dpl.core.processing_activity_id: this deployment's entry in the register of processing activities.</summary>
    public string? ProcessingActivityId { get; set; }

    /// <summary>A file holding the key (base64, ≥ 32 bytes) that pseudonymises data subject ids. Without it, calls
    /// that name a data subject are refused.</summary>
    public string? SubjectKeyFile { get; set; }

    /// <summary>Store the case facts with each record, encrypted with the key in <see cref="FactsKeyFile"/>. Off: only their hash.</summary>
    public bool StoreFacts { get; set; }

    public string? FactsKeyFile { get; set; }

    /// <summary>A file holding the key (base64, ≥ 32 bytes) the chain's checkpoints are signed with. Without it, no
    /// checkpoints: the chain alone shows a change, but not one followed by recomputing the chain.</summary>
    public string? CheckpointKeyFile { get; set; }

    /// <summary>A signed checkpoint every this many records …</summary>
    public int CheckpointEvery { get; set; } = 1000;

    /// <summary>… and at least every this many minutes while records are written.</summary>
    public int CheckpointIntervalMinutes { get; set; } = 60;

    /// <summary>The organisation's Logboek Dataverwerkingen the records are shipped to (section Audit:Logboek).</summary>
    public LogboekOptions Logboek { get; set; } = new();
}

/// <summary>Where and how records are shipped to the organisation's Logboek: OTLP over gRPC.</summary>
public sealed class LogboekOptions
{
    /// <summary>The Logboek's OTLP/gRPC endpoint (<c>https://logboek.example.nl:4317</c>). Empty: nothing is shipped.</summary>
    public string? Endpoint { get; set; }

    /// <summary>This host's client certificate (PEM) for mutual TLS, with its key in <see cref="ClientKeyFile"/>.</summary>
    public string? ClientCertificateFile { get; set; }

    public string? ClientKeyFile { get; set; }

    /// <summary>The CA (PEM) the Logboek's server certificate must chain to; without it, the system's trust store.</summary>
    public string? TrustAnchorFile { get; set; }

    /// <summary>Records per export request at most.</summary>
    public int MaxBatch { get; set; } = 512;

    /// <summary>How long one export may take before it counts as failed.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>The longest wait between two attempts after failures (the wait doubles from one second up to this).</summary>
    public int MaxBackoffSeconds { get; set; } = 30;

    /// <summary>The standard's <c>resource</c> attributes: how the organisation names this application (e.g. a CMDB
    /// reference), beside <c>service.name</c> and <c>service.version</c>.</summary>
    public Dictionary<string, string> ResourceAttributes { get; set; } = [];
}
