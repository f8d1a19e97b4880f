using EligibilityEngine.Decisions;
using EligibilityEngine.Facts;
using EligibilityEngine.Audit;
using EligibilityEngine.Cases;
using EligibilityEngine.Cli.Rendering;

namespace EligibilityEngine.Cli;

/// <summary>
/// The audit log from the command line: record a decision (<c>evaluate --record</c>), show and list records, and
/// replay one from the case file the caller kept. The store is the host's: a SQLite file or a PostgreSQL connection
/// string (<c>--store</c>, default decisions.db).
/// </summary>
internal static class AuditCommandLine
{
    public const string DefaultStore = "decisions.db";

    /// <summary>Commits the record of a decision the CLI just gave; its id.</summary>
    public static Guid Record(CommandLine.Arguments options, Decision decision, Case @case, DateTimeOffset receivedAt, TimeProvider time)
    {
        var subjectId = options.Value("--subject");
        DataSubject? subject = null;
        if (subjectId is not null)
            subject = new DataSubject(subjectId, options.Value("--subject-type") ?? throw new CommandLine.UsageException("--subject needs --subject-type, e.g. BSN"));
        var factory = new DecisionRecordFactory(new AuditSettings(options.Value("--processing-activity"), Pseudonym(options, required: subject is not null), null));
        var context = new RecordingContext("cli", new RecordedCaller(null, null, Environment.UserName, null), receivedAt, TraceIds.Of(null, null), subject);
        var record = factory.Create(decision, @case, context, time.GetUtcNow());
        using var store = Open(options);
        store.Value.AppendAsync([record]).GetAwaiter().GetResult();
        return record.DecisionId;
    }

    public static int Show(CommandLine.Arguments options, TextWriter output)
    {
        using var store = Open(options);
        var record = Find(store.Value, options);
        if (options.Value("--format") == "json")
        {
            output.WriteLine(RecordJson.Serialize(record, indented: true));
            return 0;
        }

        string? facts = null;
        if (options.Value("--facts-key-file") is { } keyFile)
            facts = record.EncryptedFacts is null
                ? "(niet opgeslagen: deze installatie bewaart alleen de hash)"
                : new FactsCipher(AuditKey.Read(keyFile, "--facts-key-file")).Decrypt(record.EncryptedFacts, record.DecisionId);
        output.Write(RecordText.Render(record, facts));
        return 0;
    }

    public static int List(CommandLine.Arguments options, TextWriter output)
    {
        var subject = options.Value("--subject") is { } id ? Pseudonym(options, required: true)!.Of(id) : null;
        var query = new RecordQuery(Time(options, "--from"), Time(options, "--to"), options.Value("--hash"), options.Value("--outcome"), subject,
            options.Value("--caller"), Limit: int.TryParse(options.Value("--limit") ?? "1000", out var limit) && limit > 0
                ? limit : throw new CommandLine.UsageException("--limit must be a positive whole number"));
        using var store = Open(options);
        var records = store.Value.ListAsync(query).GetAwaiter().GetResult();
        foreach (var r in records) output.WriteLine(RecordText.Line(r));
        output.WriteLine($"{records.Count} beslissing(en)");
        return 0;
    }

    /// <summary>Exit 0 when the case file is the recorded input and the decision made again is identical; 1 otherwise.</summary>
    public static int Replay(CommandLine.Arguments options, TextWriter output)
    {
        using var store = Open(options);
        var record = Find(store.Value, options);
        var file = CaseReader.ReadFile(options.Value("--case")!);
        var kind = DecisionEngines.Parse(record.Decision.Engine.Kind)
                   ?? throw new InvalidOperationException($"the record names an engine this version does not have: {record.Decision.Engine.Kind}");
        var rules = options.Value("--rules") ?? CommandLine.DefaultRules;
        var library = RuleLibrary.Load(rules, engine: kind);
        var hash = record.Decision.RuleSet.ContentHash;
        if (library.Versions.All(v => v.Reference.ContentHash != hash))
            throw new VersionNotFoundException($"the rules in '{rules}' have no version with sha256 {hash} (recorded: {record.Decision.RuleSet.Version}); " +
                                               "replay with the rules as they were, e.g. a checkout of the commit that had them (--rules)");
        var decision = library.Evaluate(file.Case, record.Decision.AsOf, EvaluationOptions.Default, hash);
        var result = DecisionReplay.Compare(record, file.Case, decision);
        output.Write(RecordText.Replay(record, result));
        return result.Identical ? 0 : 1;
    }

    /// <summary>Exit 0 when the chain between the positions is intact, 1 with every problem otherwise.</summary>
    public static int Verify(CommandLine.Arguments options, TextWriter output)
    {
        var signer = options.Value("--checkpoint-key-file") is { } keyFile ? new CheckpointSigner(AuditKey.Read(keyFile, "--checkpoint-key-file")) : null;
        using var store = Open(options);
        var report = ChainVerification.VerifyAsync(store.Value, Position(options, "--from"), Position(options, "--to"), signer).GetAwaiter().GetResult();
        output.Write(RecordText.Verification(report));
        return report.Intact ? 0 : 1;
    }

    /// <summary>The chain's length, its checkpoints and, per Logboek, the backlog and the last failure.</summary>
    public static int Status(CommandLine.Arguments options, TextWriter output)
    {
        using var store = Open(options);
        var s = store.Value;
        output.Write(RecordText.Status(s.ChainExtentAsync().GetAwaiter().GetResult(), s.CheckpointsAsync().GetAwaiter().GetResult(),
            s.ShippingStatesAsync().GetAwaiter().GetResult()));
        return 0;
    }

    private static long? Position(CommandLine.Arguments options, string option) => options.Value(option) is not { } text ? null
        : long.TryParse(text, out var position) && position > 0 ? position
        : throw new CommandLine.UsageException($"{option} takes a position in the chain (a whole number from 1), not '{text}'");

    private static DecisionRecord Find(IDecisionStore store, CommandLine.Arguments options)
    {
        var text = options.Argument("decision-id")!;
        if (!Guid.TryParse(text, out var id)) throw new CommandLine.UsageException($"'{text}' is not a decision id (a UUID such as 0193…)");
        return store.FindAsync(id).GetAwaiter().GetResult() ?? throw new FileNotFoundException($"no decision {id} in {store.Description}");
    }

    private static SubjectPseudonym? Pseudonym(CommandLine.Arguments options, bool required)
    {
        if (options.Value("--subject-key-file") is { } keyFile) return new SubjectPseudonym(AuditKey.Read(keyFile, "--subject-key-file"));
        return required ? throw new CommandLine.UsageException("--subject needs --subject-key-file: the id is only ever kept as its keyed pseudonym") : null;
    }

    private static DateTimeOffset? Time(CommandLine.Arguments options, string option) =>
        options.Date(option) is { } date ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;

    private static Owned Open(CommandLine.Arguments options)
    {
        var store = options.Value("--store") ?? DefaultStore;
        try
        {
            return new Owned(DecisionStores.OpenAsync(store).GetAwaiter().GetResult());
        }
        catch (Exception ex) when (ex is not AuditConfigurationException)
        {
            throw new AuditConfigurationException($"the audit store '{(DecisionStores.IsPostgres(store) ? "PostgreSQL" : store)}' cannot be opened: {ex.Message}");
        }
    }

    /// <summary>A store closed when the command is done.</summary>
    private sealed class Owned(SqlDecisionStore store) : IDisposable
    {
        public SqlDecisionStore Value => store;

        public void Dispose() => store.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
