using EligibilityEngine.Audit;
using EligibilityEngine.Host.Security;

namespace EligibilityEngine.Host.Audit;

/// <summary>
/// Which decision records a caller reads. Records are personal data: an organisation reads the records of the decisions
/// it asked for (its OIN, else its token's <c>client_id</c>), an auditor named in <c>Security:Auditors</c> reads all.
/// On a host that runs open, callers are not known: they read the records made without a known caller.
/// </summary>
public static class RecordAccess
{
    /// <summary>The owner whose records the caller reads; null for an auditor (all records).</summary>
    /// <exception cref="UnknownReaderException">A host that knows its callers cannot tell who this one is.</exception>
    public static RecordOwner? Of(HttpContext http, SecurityOptions security)
    {
        var key = SqlDecisionStore.CallerKey(CallRecording.Caller(http));
        if (key is not null && security.Auditors.Contains(key, StringComparer.Ordinal)) return null;
        if (key is null && security.Configured) throw new UnknownReaderException();
        return new RecordOwner(key);
    }
}

/// <summary>The caller has neither an OIN nor a token <c>client_id</c>, so it made no record it could read.</summary>
public sealed class UnknownReaderException()
    : Exception("Beslissingen lezen kan alleen wie bekend is met een OIN (certificaat) of een client_id (token).");
