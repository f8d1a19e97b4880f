using EligibilityEngine.Audit;
using Microsoft.Extensions.Options;

namespace EligibilityEngine.Host.Audit;

/// <summary>
/// Opens the audit store (creating or migrating its schema) and reads the keys before the host takes a call. A store
/// that cannot be opened or a key that cannot be read stops the host with a plain message (exit code 2).
/// </summary>
public static class AuditSetup
{
    public static void AddServices(WebApplicationBuilder builder)
    {
        builder.Services.Configure<AuditOptions>(builder.Configuration.GetSection(AuditOptions.Section));
        builder.Services.AddSingleton(services => Create(services.GetRequiredService<IOptions<AuditOptions>>().Value,
            services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<DecisionLog>>()));
    }

    /// <summary>Resolves the log at start-up, so a broken setting stops the host before it listens.</summary>
    public static void Open(WebApplication app)
    {
        var log = app.Services.GetRequiredService<DecisionLog>();
        var options = app.Services.GetRequiredService<IOptions<AuditOptions>>().Value;
        if (!log.Enabled)
            app.Logger.LogWarning("Audit:Enabled is false: decisions leave no record. For measurements only.");
        else
            app.Logger.LogInformation("Decision records go to {Store}; facts {Facts}; processing activity {Activity}",
                log.Store!.Description, options.StoreFacts ? "stored, encrypted" : "not stored (their hash only)",
                options.ProcessingActivityId ?? "not configured (Audit:ProcessingActivityId)");
    }

    private static DecisionLog Create(AuditOptions options, TimeProvider time, ILogger<DecisionLog> logger)
    {
        var pseudonym = options.SubjectKeyFile is { Length: > 0 } subjectKey
            ? new SubjectPseudonym(AuditKey.Read(subjectKey, "Audit:SubjectKeyFile")) : null;
        FactsCipher? facts = null;
        if (options.StoreFacts)
            facts = options.FactsKeyFile is { Length: > 0 } factsKey
                ? new FactsCipher(AuditKey.Read(factsKey, "Audit:FactsKeyFile"))
                : throw new AuditConfigurationException("Audit:StoreFacts is on but Audit:FactsKeyFile names no key: facts are only stored encrypted");
        var factory = new DecisionRecordFactory(new AuditSettings(options.ProcessingActivityId, pseudonym, facts));
        if (!options.Enabled) return new DecisionLog(factory, null, time, logger);

        IDecisionStore store;
        try
        {
            store = DecisionStores.OpenAsync(options.Store, options.SqliteBusyTimeoutMilliseconds).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is not AuditConfigurationException)
        {
            var where = DecisionStores.IsPostgres(options.Store) ? "the PostgreSQL store" : $"the SQLite store '{options.Store}'";
            throw new AuditConfigurationException($"{where} (Audit:Store) cannot be opened: {ex.Message}");
        }

        return new DecisionLog(factory, new GroupCommitWriter(store, options.MaxBatch), time, logger);
    }
}
