using System.CommandLine;
using System.Globalization;
using EligibilityEngine.Quota;
using EligibilityEngine.Compilation;
using EligibilityEngine.Decisions;
using EligibilityEngine.Facts;
using EligibilityEngine.Cases;
using EligibilityEngine.Cli.Rendering;
using EligibilityEngine.Diagnostics;
using EligibilityEngine.Review;
using EligibilityEngine.Testing;
using EligibilityEngine.Text;
using EligibilityEngine.Verification;

namespace EligibilityEngine.Cli;

/// <summary>
/// The `eligibility` command, on System.CommandLine: help per command (<c>eligibility evaluate --help</c>), a suggestion
/// for a mistyped command or option, and shell completions (<c>dotnet-suggest</c>). Exit codes: 0 done; 1 the rules,
/// the case or a test is not right; 2 the command itself is not right.
/// </summary>
public static class CommandLine
{
    public const string DefaultRules = "rules/beschut-werk";

    /// <summary>How many generated cases diff --exact and exact-diffs try before the solver when --generated is not given:
    /// the same candidates, so the same regions and witnesses as the committed exact-diffs.json.</summary>
    internal const int ExactDiffsGenerated = 2000;

    /// <param name="time">The one clock the command line reads: when a decision was asked for and recorded.</param>
    public static int Run(string[] args, TextWriter output, TextWriter error, TimeProvider? time = null)
    {
        var parsed = Commands.Root(output, error, time ?? TimeProvider.System).Parse(args);
        try
        {
            var exit = parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
            return parsed.Errors.Count > 0 ? 2 : exit;
        }
        catch (UsageException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            error.WriteLine($"run 'eligibility {CommandPath(parsed.CommandResult)} --help' for usage");
            return 2;
        }
        catch (InvalidInputException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return 1;
        }
        catch (Exception ex) when (ex is EvaluationException or VersionNotFoundException or FileNotFoundException or DirectoryNotFoundException or SolverException
                                       or EligibilityEngine.Audit.AuditConfigurationException)
        {
            error.WriteLine($"error: {ex.Message}");
            return 1;
        }
    }

    /// <summary>The command as it is typed after <c>eligibility</c>, nested commands included (<c>audit verify</c>).</summary>
    private static string CommandPath(System.CommandLine.Parsing.CommandResult command) =>
        command.Parent is System.CommandLine.Parsing.CommandResult { Parent: not null } parent ? CommandPath(parent) + " " + command.Command.Name : command.Command.Name;

    internal static int Evaluate(Arguments options, TextWriter output, TimeProvider time)
    {
        var receivedAt = time.GetUtcNow();
        var path = options.Argument("case")!;
        var format = options.Value("--format") ?? "text";
        var file = CaseReader.ReadFile(path);
        var asOf = options.Date("--as-of") ?? file.AsOf
            ?? throw new UsageException("no peildatum: give --as-of YYYY-MM-DD or as_of in the case file");
        var library = RuleLibrary.Load(options.Value("--rules") ?? DefaultRules, engine: Engine(options));
        var decision = library.Evaluate(file.Case, asOf, EvaluationOptions.WithTrace, options.Value("--version") ?? file.Version);
        // Recorded before it is shown: a decision whose record fails is not given (exit 1).
        Guid? recorded = options.Flag("--record") ? AuditCommandLine.Record(options, decision, file.Case, receivedAt, time) : null;
        output.Write(format == "json" ? Json.Serialize(decision) + Environment.NewLine : DecisionText.Render(decision, options.Flag("--full-trace"),
            new ConditionDutch(library.Select(asOf, decision.RuleSet.Version).Version)));
        if (recorded is not null) (format == "json" ? Console.Error : output).WriteLine($"Vastgelegd als beslissing {recorded}");
        return 0;
    }

    internal static int Validate(Arguments options, TextWriter output, TextWriter error)
    {
        var directory = options.Argument("dir") ?? options.Value("--rules") ?? DefaultRules;
        // Validating runs no case: the conditions are checked, not made runnable.
        var (library, diagnostics) = RuleLibrary.TryLoad(directory, CompileMode.Interpreted);
        if (library is null)
        {
            foreach (var d in diagnostics) error.WriteLine(d);
            error.WriteLine($"{diagnostics.Count} error(s) in {directory}");
            return 1;
        }

        foreach (var v in library.Versions)
            output.WriteLine($"ok  {v.Version.Version}{(v.Version.Planned ? " (planned)" : "")}: {v.Rules.Length} rules, {v.Version.Sources.Count} sources, {v.StratumCount} strata, sha256 {v.Reference.ContentHash[..12]}");
        output.WriteLine($"{library.Versions.Count} version(s) valid in {directory}");
        return 0;
    }

    internal static int Versions(Arguments options, TextWriter output)
    {
        output.Write(RuleSetText.Versions(RuleLibrary.Load(options.Value("--rules") ?? DefaultRules)));
        return 0;
    }

    internal static int Outcomes(Arguments options, TextWriter output)
    {
        output.Write(OutcomeCatalogue.Markdown(RuleLibrary.Load(options.Value("--rules") ?? DefaultRules)));
        return 0;
    }

    internal static int Show(Arguments options, TextWriter output)
    {
        var library = RuleLibrary.Load(options.Value("--rules") ?? DefaultRules);
        var version = options.Value("--version");
        var asOf = options.Date("--as-of");
        if (asOf is null && version is null) throw new UsageException("show needs --as-of YYYY-MM-DD or --version V");
        output.Write(RuleSetText.Show(library.Select(asOf ?? DateOnly.MaxValue, version)));
        return 0;
    }

    internal static int Test(Arguments options, TextWriter output)
    {
        var rules = options.Value("--rules") ?? DefaultRules;
        var directory = options.Argument("dir") ?? Path.Combine(rules, "tests");
        var library = RuleLibrary.Load(rules, engine: Engine(options));
        var folder = RuleTestRunner.LoadEach(directory);
        var results = folder.Tests.Select(t => RuleTestRunner.Run(library, t)).ToList();
        foreach (var r in results)
        {
            output.WriteLine($"{(r.Passed ? "PASS" : "FAIL")}  {r.Test.Name}");
            foreach (var f in r.Failures) output.WriteLine($"      {f}  ({r.Test.Position})");
        }

        foreach (var refused in folder.Refused)
        {
            output.WriteLine($"FAIL  {Path.GetFileName(refused.File)}: the file cannot be read, none of its tests ran");
            foreach (var error in refused.Errors) output.WriteLine($"      {error}");
        }

        var failed = results.Count(r => !r.Passed) + folder.Refused.Count;
        output.WriteLine($"{results.Count(r => r.Passed)} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }

    internal static int Verify(Arguments options, TextWriter output, TimeProvider time)
    {
        var directory = options.Argument("dir") ?? options.Value("--rules") ?? DefaultRules;
        var library = RuleLibrary.Load(directory, CompileMode.Interpreted);
        var diagnostics = new DiagnosticBag();
        var properties = PropertyFileReader.Load(Path.Combine(directory, "properties"), library, diagnostics);
        if (diagnostics.HasErrors) throw new InvalidInputException($"the properties in {Path.Combine(directory, "properties")} have {diagnostics.Items.Count} error(s)", diagnostics.Items);
        var candidates = CandidateCases(directory, options, library);
        var verifier = new Verifier(library, SolverOptions(options), candidates.Cases);
        var versions = options.Value("--version") is { } name ? [library.Resolve(name)] : library.Versions;
        var write = options.Value("--write-counterexamples");
        var only = options.Value("--property");
        bool Selected(string id) => only is null || id.StartsWith(only, StringComparison.Ordinal);
        var builtIns = !options.Flag("--no-builtin");
        if (!properties.Select(p => p.Id).Concat(builtIns ? Verifier.BuiltInIds : []).Any(Selected))
            throw new InvalidInputException($"--property '{only}': no property's id starts with it", []);
        var legal = properties.Count(p => Selected(p.Id));
        output.WriteLine($"Eigenschappen van {library.Versions[0].Version.RuleSetId}, gecontroleerd met {verifier.SolverName}: {legal} {(legal == 1 ? "eigenschap" : "eigenschappen")} uit de wet" +
                         (builtIns && Verifier.BuiltInIds.Any(Selected) ? ", en de ingebouwde" : ""));
        output.WriteLine(candidates.Description);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        // The versions' questions share the solver processes; each version is printed as soon as it and those before it are done.
        var results = verifier.Verify(versions, properties.Where(p => Selected(p.Id)).ToList(), builtIns, Selected, result =>
        {
            var written = write is null ? new Dictionary<PropertyResult, string>() : WriteCounterexamples(write, result);
            output.WriteLine();
            output.Write(VerificationText.Render(result, written));
        });
        if (options.Value("--write-status") is { } status) VerificationStatusFile.Write(status, results, verifier.SolverName, time.GetUtcNow());

        output.WriteLine();
        output.WriteLine(VerificationText.Summary(results, watch.Elapsed));
        return results.Any(r => r.Results.Any(p => p.Fails)) ? 1 : 0;
    }

    private static Dictionary<PropertyResult, string> WriteCounterexamples(string directory, VersionVerification result)
    {
        System.IO.Directory.CreateDirectory(directory);
        var written = new Dictionary<PropertyResult, string>();
        foreach (var r in result.Results.Where(r => r.Counterexample is not null))
        {
            var files = r.Counterexample!.Select((c, i) =>
            {
                var path = Path.Combine(directory, $"{result.Set.Version.Version}.{r.Id}{(r.Counterexample!.Count > 1 ? "." + (i + 1) : "")}.yaml");
                File.WriteAllText(path, CaseYamlWriter.Write(CaseReader.ReadText(c.CaseFile, path).Case, CaseReader.ReadText(c.CaseFile, path).AsOf, result.Set.Version.Version));
                return path;
            }).ToList();
            written[r] = string.Join(", ", files);
        }

        return written;
    }

    /// <summary>The cases tried before the solver, and a Dutch line that says which (with the seed of the generated ones).</summary>
    private sealed record Candidates(List<(Case Case, DateOnly AsOf)> Cases, string Description);

    /// <summary>The cases tried before the solver: the rule tests, those of --cases (a folder or batch of case files), and
    /// --generated cases of --seed (<see cref="CaseGenerator"/>, drawn for <paramref name="library"/>'s versions). A rule
    /// one of them makes true, or a region of an exact difference one of them lies in, needs no search. A case without a
    /// peildatum is tried on the versions' own dates only.</summary>
    private static Candidates CandidateCases(string rules, Arguments options, RuleLibrary? library = null, int generatedByDefault = 0)
    {
        var tests = Path.Combine(rules, "tests");
        var candidates = System.IO.Directory.Exists(tests) ? RuleTestRunner.Load(tests).Select(t => (t.Case, t.AsOf)).ToList() : [];
        var parts = new List<string> { $"{candidates.Count} regeltests" };
        if (options.Value("--cases") is { } cases)
        {
            var loaded = CaseCorpus.Load(cases);
            candidates.AddRange(loaded.Select(c => (c.Case, c.AsOf ?? DateOnly.MinValue)));
            parts.Add($"{loaded.Count} casussen uit {cases}");
        }

        var generated = Count(options, "--generated") ?? generatedByDefault;
        var seed = options.Value("--seed") is not { } text ? CaseGenerator.DefaultSeed
            : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s
            : throw new UsageException($"--seed must be a whole number, not '{text}'");
        if (generated > 0)
        {
            candidates.AddRange(CaseGenerator.Cases(library ?? RuleLibrary.Load(rules, CompileMode.Interpreted), generated, seed).Select(c => (c.Case, c.AsOf)));
            parts.Add($"{generated} gegenereerde casussen (seed {seed})");
        }

        return new Candidates(candidates, $"Vooraf door de motor beoordeeld, zonder oplosser: {string.Join(", ", parts)}.");
    }

    private static VerificationOptions SolverOptions(Arguments options) => new(
        Events: Number(options, "--events") ?? 6,
        Timeout: Number(options, "--timeout") is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
        Solver: options.Value("--solver") is { } solver ? SolverKind.Parse(solver) ?? throw new UsageException($"--solver must be z3 or cvc5, not '{solver}'") : null,
        SolverProcesses: Number(options, "--solver-processes"));

    private static int? Number(Arguments options, string option) => options.Value(option) is not { } text ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
        : throw new UsageException($"{option} must be a whole number above 0, not '{text}'");

    private static int? Count(Arguments options, string option) => options.Value(option) is not { } text ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
        : throw new UsageException($"{option} must be a whole number (0 or more), not '{text}'");

    internal static int Diff(Arguments options, TextWriter output)
    {
        var format = ReviewFormat(options);
        var (from, to) = Versions(options);
        var diff = RuleSetDiff.Compare(from, to);
        if (format == "json" && options.Value("--cases") is not null)
            throw new UsageException("--cases summarises the impact in the Markdown; for JSON run impact --format json");
        var markdown = format == "json" ? "" : DiffMarkdown.Render(diff, options.Value("--cases") is null ? null : ImpactReport(options, from, to));
        if (!options.Flag("--exact"))
        {
            output.Write(format == "json" ? Json.Serialize(diff) + Environment.NewLine : markdown);
            return 0;
        }

        from.CompileInBackground();
        to.CompileInBackground();
        var candidates = CandidateCases(options.Value("--rules") ?? DefaultRules, options, generatedByDefault: ExactDiffsGenerated);
        var exact = ExactDiff.Compute(from, to, SolverOptions(options), candidates.Cases);
        var witnesses = options.Value("--write-witnesses") is { } folder ? WriteWitnesses(folder, exact) : null;
        output.Write(format == "json"
            ? Json.Serialize(new { diff, exact, candidates = candidates.Description }) + Environment.NewLine
            : markdown + ExactDiffMarkdown.Render(exact, witnesses) + Environment.NewLine + candidates.Description + Environment.NewLine);
        return exact.Status == ExactDiffStatus.NotReproduced ? 1 : 0;
    }

    internal static int ExactDiffs(Arguments options, TextWriter output, TimeProvider time)
    {
        var directory = options.Argument("dir") ?? options.Value("--rules") ?? DefaultRules;
        var library = RuleLibrary.Load(directory, CompileMode.Interpreted);
        var only = options.Value("--version") is { } name ? library.Resolve(name) : null;
        var candidates = CandidateCases(directory, options, library, ExactDiffsGenerated);
        output.WriteLine(candidates.Description);
        var solver = SolverOptions(options);
        var path = options.Value("--write-status") ?? Path.Combine(directory, "properties", "exact-diffs.json");
        var results = new List<ExactDifference>();
        // The pairs share the processors (a solver process each); each is written as soon as it is done, so that an
        // interrupted run keeps what it finished.
        var pairs = ExactDiffFile.Pairs(library).Where(p => only is null || p.From == only || p.To == only).ToList();
        Concurrently.For(pairs.Count, solver.Solvers, p =>
        {
            var pair = pairs[p];
            var exact = ExactDiff.Compute(pair.From, pair.To, solver with { SolverProcesses = 1 }, candidates.Cases);
            lock (results)
            {
                output.WriteLine($"{pair.From.Version.Version} → {pair.To.Version.Version}: {ExactDiffMarkdown.Word(exact.Status)}, {exact.Regions.Count} gebied(en) ({exact.RegionsWithoutSolver} zonder oplosser), " +
                                 $"{exact.Questions} vragen, {exact.Time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture).Replace('.', ',')} s");
                ExactDiffFile.Write(path, [exact], solver.SolverKind.Command, time.GetUtcNow());
                results.Add(exact);
            }
        });
        output.WriteLine($"Geschreven: {path}");
        return results.Any(r => r.Status == ExactDiffStatus.NotReproduced) ? 1 : 0;
    }

    /// <summary>Each region's witness as a case file (as the case writer writes it), named for the two versions and the region.</summary>
    private static Dictionary<int, string> WriteWitnesses(string directory, ExactDifference exact)
    {
        System.IO.Directory.CreateDirectory(directory);
        return exact.Regions.ToDictionary(r => r.Number, r =>
        {
            var path = Path.Combine(directory, $"{exact.From.Version}_{exact.To.Version}.gebied-{r.Number}.yaml");
            var file = CaseReader.ReadText(r.Witness, path);
            File.WriteAllText(path, CaseYamlWriter.Write(file.Case, file.AsOf, null));
            return path;
        });
    }

    internal static int Impact(Arguments options, TextWriter output)
    {
        var format = ReviewFormat(options);
        var (from, to) = Versions(options);
        var report = ImpactReport(options, from, to);
        output.Write(format == "json" ? Json.Serialize(report) + Environment.NewLine : ImpactMarkdown.Render(report));
        return 0;
    }

    /// <summary>The impact over <c>--cases</c> on the dates <c>--as-of</c> names, by the engine <c>--engine</c> names.</summary>
    private static ImpactReport ImpactReport(Arguments options, CompiledRuleSet from, CompiledRuleSet to)
    {
        var cases = CaseCorpus.Open(options.Value("--cases")!);
        ImpactDates dates;
        try
        {
            dates = ImpactDates.Parse(options.Value("--as-of") ?? "case");
        }
        catch (ArgumentException ex)
        {
            throw new UsageException("--as-of: " + ex.Message);
        }

        return ImpactAnalysis.Run(DecisionEngines.Create(Engine(options)), from, to, cases, dates);
    }

    internal static int Quota(Arguments options, TextWriter output)
    {
        var csv = options.Argument("annex.csv")!;
        var yearText = options.Value("--year")!;
        if (!int.TryParse(yearText, System.Globalization.NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 2015 or > 2100)
            throw new UsageException($"--year must be a year such as 2019, not '{yearText}'");
        var citation = options.Value("--citation")!;
        int? statedSum = null;
        if (options.Value("--stated-sum") is { } stated)
            statedSum = int.TryParse(stated, System.Globalization.NumberStyles.None, CultureInfo.InvariantCulture, out var total)
                ? total
                : throw new UsageException($"--stated-sum must be a whole number such as 4591, not '{stated}'");
        var result = QuotaAnnex.Import(csv, year, citation, options.Value("--url"), options.Value("--rules") ?? DefaultRules, statedSum);
        output.WriteLine(result.Sum == result.NationalNumber
            ? $"{(result.Replaced ? "replaced" : "wrote")} {result.File}: {result.Rows} municipalities, {result.Sum} dienstbetrekkingen in total (the national number for {year})"
            : $"{(result.Replaced ? "replaced" : "wrote")} {result.File}: {result.Rows} municipalities, {result.Sum} dienstbetrekkingen in total as the annex " +
              $"states; the national number for {year} in the rule set is {result.NationalNumber} (rounded in the letters), a difference of " +
              $"{result.Sum - result.NationalNumber:+#;-#}");
        return 0;
    }

    private static EngineKind Engine(Arguments options) => DecisionEngines.Parse(options.Value("--engine") ?? "nrules")!.Value;

    private static string ReviewFormat(Arguments options) => options.Value("--format") ?? "markdown";

    /// <summary>The two versions a review compares, each named by version, hash prefix, date or rule file. Loaded
    /// interpreted: a review compiles only the two it judges with (the folder holds a dozen; compiling them all in the
    /// background took a quarter of an impact run's CPU).</summary>
    private static (CompiledRuleSet From, CompiledRuleSet To) Versions(Arguments options)
    {
        var references = (options.Argument("from")!, options.Argument("to")!);
        var rules = options.Value("--rules") ?? DefaultRules;
        RuleLibrary? library = null;
        return (Resolve(references.Item1), Resolve(references.Item2));

        CompiledRuleSet Resolve(string reference) =>
            reference.EndsWith(".yaml", StringComparison.Ordinal) && File.Exists(reference)
                ? RuleLibrary.LoadFile(reference, CompileMode.Interpreted)
                : (library ??= RuleLibrary.Load(rules, CompileMode.Interpreted)).Resolve(reference);
    }

    /// <summary>A command line that parsed but is not right (a date that is no date, --as-of and --version both missing).</summary>
    internal sealed class UsageException(string message) : Exception(message);

    /// <summary>What was given on the command line, by option or argument name.</summary>
    internal sealed class Arguments(ParseResult result)
    {
        public string? Value(string option) => result.GetValue<string>(option);

        public string? Argument(string name) => result.GetValue<string>(name);

        public bool Flag(string option) => result.GetValue<bool>(option);

        public DateOnly? Date(string option)
        {
            var text = Value(option);
            if (text is null) return null;
            return FactText.Date(text, out var error) ?? throw new UsageException($"{option} {error}");
        }
    }
}
