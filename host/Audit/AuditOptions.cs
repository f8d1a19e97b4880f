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
}
