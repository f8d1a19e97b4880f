using System.Globalization;
using EligibilityEngine.Cases;
using EligibilityEngine.Cli.Rendering;
using EligibilityEngine.Diagnostics;
using EligibilityEngine.Evaluation;
using EligibilityEngine.Review;
using EligibilityEngine.RuleSets;
using EligibilityEngine.Testing;

namespace EligibilityEngine.Cli;

/// <summary>
/// The `eligibility` command. Exit codes: 0 done; 1 the rules, the case or a test is not right; 2 the command itself
/// is not right.
/// </summary>
public static class CommandLine
{
    public const string DefaultRules = "rules/beschut-werk";

    private const string Usage = """
        eligibility — beschut werk (Participatiewet art. 10b) rules engine

        Usage:
          eligibility evaluate <case.yaml|case.json> [--as-of YYYY-MM-DD] [--version V] [--rules DIR] [--format text|json] [--full-trace] [--engine nrules|compiled]
          eligibility validate [DIR]
          eligibility versions [--rules DIR]
          eligibility show --as-of YYYY-MM-DD [--version V] [--rules DIR]
          eligibility test [DIR] [--rules DIR] [--engine nrules|compiled]
          eligibility diff <from> <to> [--rules DIR] [--format markdown|json]
          eligibility quota import <annex.csv> --year YYYY --citation TEXT [--url URL] [--rules DIR]
          eligibility impact <from> <to> --cases <dir|file> [--as-of case|effective|YYYY-MM-DD] [--rules DIR] [--format markdown|json] [--engine nrules|compiled]

        DIR defaults to rules/beschut-werk; test DIR defaults to <rules>/tests.
        --version names a version (e.g. planned-simpel-switchen) or a content-hash prefix; planned versions are only
        used when named.
        <from> and <to> are a version (2017-01-01, planned-simpel-switchen), a content-hash prefix, a date (the version
        in force on it) or a rule file (its version, composed with the folder it is in).
        quota import loads a year's complete annex of the Regeling vaststelling aantallen beschut werk (columns
        municipality_code, number, and optionally municipality_name, year, source); it checks every row and that the
        numbers add up to the year's national number, and writes <rules>/quota/<year>.yaml.
        --engine chooses what judges the cases: nrules (NRules' Rete engine, the default) or compiled (the project's
        compiled evaluator, proven to give the same decisions, fifteen to twenty-five times faster per case).
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            output.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        try
        {
            var options = Options.Parse(args.Skip(1).ToArray());
            return args[0] switch
            {
                "evaluate" => Evaluate(options, output),
                "validate" => Validate(options, output, error),
                "versions" => Versions(options, output),
                "show" => Show(options, output),
                "test" => Test(options, output),
                "diff" => Diff(options, output),
                "impact" => Impact(options, output),
                "quota" => Quota(options, output),
                _ => throw new UsageException($"unknown command '{args[0]}'"),
            };
        }
        catch (UsageException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            error.WriteLine("run 'eligibility --help' for usage");
            return 2;
        }
        catch (InvalidInputException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return 1;
        }
        catch (Exception ex) when (ex is EvaluationException or VersionNotFoundException or FileNotFoundException or DirectoryNotFoundException)
        {
            error.WriteLine($"error: {ex.Message}");
            return 1;
        }
    }

    private static int Evaluate(Options options, TextWriter output)
    {
        var path = options.Positional(0, "a case file");
        var format = options.Value("--format") ?? "text";
        if (format is not ("text" or "json")) throw new UsageException($"--format must be text or json, not '{format}'");
        var file = CaseReader.ReadFile(path);
        var asOf = options.Date("--as-of") ?? file.AsOf
            ?? throw new UsageException("no peildatum: give --as-of YYYY-MM-DD or as_of in the case file");
        var library = RuleLibrary.Load(options.Value("--rules") ?? DefaultRules, engine: Engine(options));
        var decision = library.Evaluate(file.Case, asOf, EvaluationOptions.WithTrace, options.Value("--version") ?? file.Version);
        output.Write(format == "json" ? Json.Serialize(decision) + Environment.NewLine : DecisionText.Render(decision, options.Flag("--full-trace")));
        return 0;
    }

    private static int Validate(Options options, TextWriter output, TextWriter error)
    {
        var directory = options.PositionalOrNull(0) ?? options.Value("--rules") ?? DefaultRules;
        var (library, diagnostics) = RuleLibrary.TryLoad(directory);
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

    private static int Versions(Options options, TextWriter output)
    {
        output.Write(RuleSetText.Versions(RuleLibrary.Load(options.Value("--rules") ?? DefaultRules)));
        return 0;
    }

    private static int Show(Options options, TextWriter output)
    {
        var library = RuleLibrary.Load(options.Value("--rules") ?? DefaultRules);
        var version = options.Value("--version");
        var asOf = options.Date("--as-of");
        if (asOf is null && version is null) throw new UsageException("show needs --as-of YYYY-MM-DD or --version V");
        output.Write(RuleSetText.Show(library.Select(asOf ?? DateOnly.MaxValue, version)));
        return 0;
    }

    private static int Test(Options options, TextWriter output)
    {
        var rules = options.Value("--rules") ?? DefaultRules;
        var directory = options.PositionalOrNull(0) ?? Path.Combine(rules, "tests");
        var library = RuleLibrary.Load(rules, engine: Engine(options));
        var results = RuleTestRunner.Load(directory).Select(t => RuleTestRunner.Run(library, t)).ToList();
        foreach (var r in results)
        {
            output.WriteLine($"{(r.Passed ? "PASS" : "FAIL")}  {r.Test.Name}");
            foreach (var f in r.Failures) output.WriteLine($"      {f}  ({r.Test.Position})");
        }

        var failed = results.Count(r => !r.Passed);
        output.WriteLine($"{results.Count - failed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }

    private static int Diff(Options options, TextWriter output)
    {
        var format = ReviewFormat(options);
        var (from, to) = Versions(options);
        var diff = RuleSetDiff.Compare(from, to);
        output.Write(format == "json" ? Json.Serialize(diff) + Environment.NewLine : DiffMarkdown.Render(diff));
        return 0;
    }

    private static int Impact(Options options, TextWriter output)
    {
        var format = ReviewFormat(options);
        var (from, to) = Versions(options);
        var cases = CaseCorpus.Load(options.Value("--cases") ?? throw new UsageException("impact needs --cases <dir|file>"));
        ImpactDates dates;
        try
        {
            dates = ImpactDates.Parse(options.Value("--as-of") ?? "case");
        }
        catch (ArgumentException ex)
        {
            throw new UsageException("--as-of: " + ex.Message);
        }

        var report = ImpactAnalysis.Run(DecisionEngines.Create(Engine(options)), from, to, cases, dates);
        output.Write(format == "json" ? Json.Serialize(report) + Environment.NewLine : ImpactMarkdown.Render(report));
        return 0;
    }

    private static int Quota(Options options, TextWriter output)
    {
        if (options.PositionalOrNull(0) != "import") throw new UsageException("quota needs a subcommand: quota import <annex.csv> --year YYYY --citation TEXT");
        var csv = options.Positional(1, "the annex CSV file");
        var yearText = options.Value("--year") ?? throw new UsageException("quota import needs --year YYYY");
        if (!int.TryParse(yearText, System.Globalization.NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 2015 or > 2100)
            throw new UsageException($"--year must be a year such as 2019, not '{yearText}'");
        var citation = options.Value("--citation") ?? throw new UsageException("quota import needs --citation (e.g. \"Stcrt. 2018, 69402\")");
        var result = QuotaAnnex.Import(csv, year, citation, options.Value("--url"), options.Value("--rules") ?? DefaultRules);
        output.WriteLine($"{(result.Replaced ? "replaced" : "wrote")} {result.File}: {result.Rows} municipalities, {result.Sum} dienstbetrekkingen in total (the national number for {year})");
        return 0;
    }

    private static EngineKind Engine(Options options)
    {
        var name = options.Value("--engine") ?? "nrules";
        return DecisionEngines.Parse(name) ?? throw new UsageException($"--engine must be nrules or compiled, not '{name}'");
    }

    private static string ReviewFormat(Options options)
    {
        var format = options.Value("--format") ?? "markdown";
        return format is "markdown" or "json" ? format : throw new UsageException($"--format must be markdown or json, not '{format}'");
    }

    /// <summary>The two versions a review compares, each named by version, hash prefix, date or rule file.</summary>
    private static (CompiledRuleSet From, CompiledRuleSet To) Versions(Options options)
    {
        var references = (options.Positional(0, "the version to compare from"), options.Positional(1, "the version to compare to"));
        var rules = options.Value("--rules") ?? DefaultRules;
        RuleLibrary? library = null;
        return (Resolve(references.Item1), Resolve(references.Item2));

        CompiledRuleSet Resolve(string reference) =>
            reference.EndsWith(".yaml", StringComparison.Ordinal) && File.Exists(reference)
                ? RuleLibrary.LoadFile(reference)
                : (library ??= RuleLibrary.Load(rules)).Resolve(reference);
    }

    private sealed class UsageException(string message) : Exception(message);

    /// <summary>Parsed arguments: --name value pairs, flags, and positional arguments. Unknown options are errors.</summary>
    private sealed class Options
    {
        private static readonly string[] Valued = ["--as-of", "--version", "--rules", "--format", "--cases", "--engine", "--year", "--citation", "--url"];
        private static readonly string[] Flags = ["--full-trace"];
        private readonly Dictionary<string, string> _values = [];
        private readonly HashSet<string> _flags = [];
        private readonly List<string> _positional = [];

        public static Options Parse(string[] args)
        {
            var options = new Options();
            for (var i = 0; i < args.Length; i++)
            {
                var arg = args[i];
                if (Valued.Contains(arg))
                {
                    if (i + 1 >= args.Length) throw new UsageException($"{arg} needs a value");
                    options._values[arg] = args[++i];
                }
                else if (Flags.Contains(arg)) options._flags.Add(arg);
                else if (arg.StartsWith("--", StringComparison.Ordinal)) throw new UsageException($"unknown option '{arg}'");
                else options._positional.Add(arg);
            }

            return options;
        }

        public string? Value(string name) => _values.GetValueOrDefault(name);

        public bool Flag(string name) => _flags.Contains(name);

        public DateOnly? Date(string name)
        {
            var text = Value(name);
            if (text is null) return null;
            return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : throw new UsageException($"{name} must be a date written as YYYY-MM-DD, not '{text}'");
        }

        public string? PositionalOrNull(int index) => index < _positional.Count ? _positional[index] : null;

        public string Positional(int index, string what) => PositionalOrNull(index) ?? throw new UsageException($"missing {what}");
    }
}
