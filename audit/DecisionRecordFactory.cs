using EligibilityEngine.Decisions;
using EligibilityEngine.Facts;

namespace EligibilityEngine.Audit;

/// <summary>A deployment's audit settings, with the keys already read.</summary>
/// <param name="ProcessingActivityId">The entry in the register of processing activities (verwerkingsregister).</param>
/// <param name="Pseudonym">Null: this deployment cannot take data subject ids.</param>
/// <param name="Facts">Null: facts are not stored, only their hash.</param>
public sealed record AuditSettings(string? ProcessingActivityId, SubjectPseudonym? Pseudonym, FactsCipher? Facts);

/// <summary>Builds the record of one evaluation; the host and the CLI record through it alike.</summary>
public sealed class DecisionRecordFactory(AuditSettings settings)
{
    public AuditSettings Settings => settings;

    /// <exception cref="AuditConfigurationException">A data subject is given and the deployment has no pseudonym key.</exception>
    public DecisionRecord Create(Decision decision, Case @case, RecordingContext context, DateTimeOffset decidedAt)
    {
        var pseudonym = context.Subject is null
            ? null
            : (settings.Pseudonym ?? throw new AuditConfigurationException(NoPseudonymKey)).Of(context.Subject.Id);
        var id = Guid.CreateVersion7(decidedAt);
        var operation = new ProcessingOperation(context.Trace.TraceId, context.Trace.SpanId, null,
            ProcessingOperation.EvaluationName, context.ReceivedAt, decidedAt, "Ok", settings.ProcessingActivityId, pseudonym, context.Subject?.IdType,
            context.Trace.Foreign);
        // Where facts are stored the canonical text is written once, for its hash and to encrypt; else only hashed.
        var canonical = settings.Facts is null ? null : CaseInputHash.Canonical(@case, decision.AsOf);
        return new DecisionRecord(id, context.ReceivedAt, decidedAt, context.Channel, context.Caller.Bounded(), operation,
            canonical is null ? CaseInputHash.Compute(@case, decision.AsOf) : CaseInputHash.Of(canonical), RecordedDecision.Of(decision),
            canonical is null ? null : settings.Facts!.Encrypt(canonical, id));
    }

    public const string NoPseudonymKey = "this deployment has no key to pseudonymise data subject ids (Audit:SubjectKeyFile)";
}
