using Microsoft.Extensions.Options;

namespace EligibilityEngine.Host;

/// <summary>
/// Loads, validates and compiles the rule sets at start-up and holds them. Start-up fails on a rule set with errors;
/// a valid one is then prepared for the engine (NRules: a session factory per version) in the background, and until
/// that is done the health service reports NOT_SERVING. While running it watches the rules folder: a change that
/// validates is prepared and then replaces the rule sets for the next call; a change with errors is logged and the
/// last good rule sets go on serving. Logs versions, content hashes, the engine and rule-file errors, never case data.
/// </summary>
public sealed class RuleLibraryHolder(IOptions<RulesOptions> options, IOptions<EngineOptions> engine, ILogger<RuleLibraryHolder> logger, TimeProvider time)
    : IHostedService, IDisposable
{
    private readonly EngineKind _engine = engine.Value.Parse();
    private readonly Lock _reloading = new();
    private volatile RuleLibrary? _library;
    private volatile ReloadFailure? _lastFailure;
    private FileSystemWatcher? _watcher;
    private Timer? _debounce;

    public RuleLibrary? Library => _library;

    /// <summary>When the rule sets now served were published.</summary>
    public DateTimeOffset LoadedAt { get; private set; }

    /// <summary>Why the last reload was refused, or null when the rules in use are the newest on disk.</summary>
    public ReloadFailure? LastFailure => _lastFailure;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var directory = options.Value.ResolveDirectory();
        var library = Load(directory)
            ?? throw new InvalidOperationException($"The rule set in '{directory}' has {_lastFailure!.Errors.Count} error(s)");
        // Kestrel starts meanwhile: health answers NOT_SERVING until the engine is ready for every version.
        _ = Task.Run(() =>
        {
            lock (_reloading) Publish(library);
            if (options.Value.WatchForChanges) Watch(directory);
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _debounce?.Dispose();
    }

    private void Watch(string directory)
    {
        // An editor or a git checkout writes several files in a burst: reload once, after the folder has been quiet.
        var delay = TimeSpan.FromMilliseconds(options.Value.ReloadDelayMilliseconds);
        var debounce = _debounce = new Timer(_ => Reload());
        var watcher = _watcher = new FileSystemWatcher(directory, "*.yaml") { IncludeSubdirectories = true };
        FileSystemEventHandler changed = (_, _) => debounce.Change(delay, Timeout.InfiniteTimeSpan);
        watcher.Changed += changed;
        watcher.Created += changed;
        watcher.Deleted += changed;
        watcher.Renamed += (_, _) => debounce.Change(delay, Timeout.InfiniteTimeSpan);
        watcher.EnableRaisingEvents = true;
    }

    /// <summary>Reads the rules folder again and serves it if it validates. Runs on the reload timer, where an exception
    /// would end the process: whatever goes wrong, the rule sets loaded before go on serving. Reading rule files must
    /// report every problem as a positioned error; an exception here is a defect, logged as such (the fuzz tests call
    /// this directly and look for it).</summary>
    public void Reload()
    {
        var directory = options.Value.ResolveDirectory();
        lock (_reloading)
        {
            try
            {
                if (Load(directory) is { } library) Publish(library);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Rule set change could not be read (a defect); still serving the rule sets loaded before");
                _lastFailure = new ReloadFailure(time.GetUtcNow(), [$"the rule files could not be read ({ex.GetType().Name})"]);
            }
        }
    }

    /// <summary>The rule sets in the folder, or null (errors logged and kept) when they do not validate.</summary>
    private RuleLibrary? Load(string directory)
    {
        var (library, diagnostics) = RuleLibrary.TryLoad(directory, engine: _engine);
        if (library is not null) return library;
        foreach (var d in diagnostics) logger.LogError("Rule set error: {Diagnostic}", d.ToString());
        if (_library is not null)
            logger.LogError("Rule set change refused ({Count} error(s)); still serving the rule sets loaded before", diagnostics.Count);
        _lastFailure = new ReloadFailure(time.GetUtcNow(), diagnostics.Select(d => InFolder(directory, d.ToString())).ToList());
        return null;
    }

    /// <summary>An error as callers read it (<c>ListRuleSets</c>): files relative to the rules folder, the folder as
    /// <c>.</c>. Where the folder lies on the host is the operator's, in the log (issue #22: the absolute path was in
    /// <c>last_refused_change</c>).</summary>
    private static string InFolder(string directory, string error)
    {
        var folder = Path.TrimEndingDirectorySeparator(directory);
        return error.Replace(folder + Path.DirectorySeparatorChar, "", StringComparison.Ordinal).Replace(folder, ".", StringComparison.Ordinal);
    }

    /// <summary>Prepares the engine for every version, then serves them from the next call on. If the engine cannot be
    /// prepared, the rule sets loaded before go on serving (none at start-up: health stays NOT_SERVING) and the cause is
    /// logged; it runs in the background or on the reload timer, where an exception would go unseen or end the host.</summary>
    private void Publish(RuleLibrary library)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            library.PrepareAsync().GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Engine {Engine} could not be prepared for the rule sets; serving the rule sets loaded before, if any",
                library.Engine.Reference.ToString());
            _lastFailure = new ReloadFailure(time.GetUtcNow(), [$"engine {library.Engine.Reference}: {ex.Message}"]);
            return;
        }

        foreach (var v in library.Versions)
            logger.LogInformation("Loaded rule set {RuleSet} version {Version} (planned: {Planned}) sha256 {Hash}",
                v.Version.RuleSetId, v.Version.Version, v.Version.Planned, v.Reference.ContentHash);
        logger.LogInformation("Engine {Engine} ready for {Versions} versions in {Elapsed} ms",
            library.Engine.Reference.ToString(), library.Versions.Count, (int)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        _library = library;
        LoadedAt = time.GetUtcNow();
        _lastFailure = null;
    }
}

/// <summary>A change to the rules folder that did not validate: when it was seen and every error in it.</summary>
public sealed record ReloadFailure(DateTimeOffset At, IReadOnlyList<string> Errors);
