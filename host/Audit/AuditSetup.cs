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
        var audit = builder.Configuration.GetSection(AuditOptions.Section).Get<AuditOptions>() ?? new AuditOptions();
        if (!audit.Enabled || string.IsNullOrEmpty(audit.Logboek.Endpoint)) return;
        builder.Services.AddSingleton<Logboek.ShippingStatus>();
        builder.Services.AddHostedService<Logboek.LogboekShipper>();
        builder.Services.AddHealthChecks().AddCheck<Logboek.LogboekShippingCheck>("logboek");
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
        if (!log.Enabled) return;
        if (options.ProcessingActivityId is { } named && !IsUri(named))
            app.Logger.LogWarning("Audit:ProcessingActivityId '{Activity}' is not a URI; the Logboek Dataverwerkingen asks for a URI into the register of processing activities", named);
        if (string.IsNullOrEmpty(options.Logboek.Endpoint))
        {
            app.Logger.LogInformation("Decision records are not shipped to a Logboek (Audit:Logboek:Endpoint is not set)");
            return;
        }

        // A setting that cannot work stops the host now; a Logboek that cannot be reached is the shipper's to wait for.
        if (!Uri.TryCreate(options.Logboek.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
            throw new AuditConfigurationException($"Audit:Logboek:Endpoint '{options.Logboek.Endpoint}' is not an http(s) URL of an OTLP/gRPC receiver");
        // The standard's log line requires dpl.core.processing_activity_id, a URI into the register of processing activities.
        if (options.ProcessingActivityId is not { Length: > 0 } activity)
            throw new AuditConfigurationException("Audit:Logboek:Endpoint is set but Audit:ProcessingActivityId is not: the Logboek's log line requires the URI of this processing activity in the register");
        if (!IsUri(activity))
            throw new AuditConfigurationException($"Audit:ProcessingActivityId '{activity}' is not an absolute URI: the Logboek's log line requires the URI of this processing activity in the register");
        try
        {
            Logboek.LogboekShipper.Channel(options.Logboek).Dispose();
        }
        catch (Exception ex) when (ex is IOException or System.Security.Cryptography.CryptographicException or UnauthorizedAccessException)
        {
            throw new AuditConfigurationException($"Audit:Logboek: the client certificate, its key or the trust anchor cannot be read: {ex.Message}");
        }

        app.Logger.LogInformation("Decision records are shipped to the Logboek at {Endpoint} over OTLP/gRPC", endpoint);
    }

    /// <summary>An absolute URI with its scheme written out (on Linux, .NET reads a bare path as a file URI).</summary>
    private static bool IsUri(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && text.StartsWith(uri.Scheme + ":", StringComparison.OrdinalIgnoreCase);

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

        SqlDecisionStore store;
        try
        {
            store = DecisionStores.OpenAsync(options.Store, options.SqliteBusyTimeoutMilliseconds).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is not AuditConfigurationException)
        {
            var where = DecisionStores.IsPostgres(options.Store) ? "the PostgreSQL store" : $"the SQLite store '{options.Store}'";
            throw new AuditConfigurationException($"{where} (Audit:Store) cannot be opened: {ex.Message}");
        }

        store.Time = time;
        if (options.CheckpointKeyFile is { Length: > 0 } checkpointKey)
            store.Checkpoints = new CheckpointSigner(AuditKey.Read(checkpointKey, "Audit:CheckpointKeyFile"), Math.Max(1, options.CheckpointEvery),
                TimeSpan.FromMinutes(Math.Max(1, options.CheckpointIntervalMinutes)));
        return new DecisionLog(factory, new GroupCommitWriter(store, options.MaxBatch), time, logger);
    }
}
