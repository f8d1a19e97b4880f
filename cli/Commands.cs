using System.CommandLine;

namespace EligibilityEngine.Cli;

/// <summary>The command tree of `eligibility`: every command with its arguments, options, choices and help text.</summary>
internal static class Commands
{
    public static RootCommand Root(TextWriter output, TextWriter error, TimeProvider time)
    {
        var root = new RootCommand("eligibility — beschut werk (Participatiewet art. 10b): judge cases by the law in force on a date, " +
                                   "check and compare versions of the rules, and see whose decisions a change would change.");
        root.Subcommands.Add(Evaluate(output, time));
        root.Subcommands.Add(Command("validate", "Check every version file; all errors with file:line:column and rule id; exit 1 on any.",
            [Directory("the rules folder (default rules/beschut-werk)")], [Rules()], r => CommandLine.Validate(new(r), output, error)));
        root.Subcommands.Add(Command("versions", "The versions with dates, titles and what changed.", [], [Rules()],
            r => CommandLine.Versions(new(r), output)));
        root.Subcommands.Add(Command("outcomes", "Every outcome's values with their Dutch labels and the versions that have them (Markdown).", [], [Rules()],
            r => CommandLine.Outcomes(new(r), output)));
        root.Subcommands.Add(Command("show", "The complete rule set in force on a date (or a version by name), in evaluation order.", [],
            [AsOf("the date whose version to show"), Version(), Rules()], r => CommandLine.Show(new(r), output)));
        root.Subcommands.Add(Command("test", "Run the YAML rule tests; ends with 'N passed, N failed'.",
            [Directory("the folder of rule tests (default <rules>/tests)")], [Rules(), Engine()], r => CommandLine.Test(new(r), output)));
        root.Subcommands.Add(Command("diff", "What one version says differently from another: rules, parameters, outcomes, sources; " +
            "with --exact also the cases whose decision differs, as regions with a witness case each, proven complete by the SMT solver.",
            [From(), To()],
            [
                Rules(), Format("markdown", "json"),
                new Option<string>("--cases") { Description = "also judge these cases (as impact --cases) and put how many decisions change at the top (Markdown only); with --exact they are tried before the solver" },
                AsOf("with --cases: case (the default), effective or a date YYYY-MM-DD, as for impact"), Engine(),
                new Option<bool>("--exact") { Description = "also the exact difference: every case whose decision differs, as regions (needs Debian's z3)" },
                Events(), Timeout(),
                new Option<string>("--write-witnesses") { Description = "with --exact: write each region's witness as a case file in this folder" },
                SolverProcesses("with --exact: how many of the two lanes of solver processes ask at once (default: one per processor; the answers are the same)"),
                Generated(CommandLine.ExactDiffsGenerated.ToString(System.Globalization.CultureInfo.InvariantCulture)), Seed(),
            ],
            r => CommandLine.Diff(new(r), output)));
        root.Subcommands.Add(Command("impact", "Judge every case under both versions: how many decisions change, and why.",
            [From(), To()],
            [
                new Option<string>("--cases") { Description = "a folder of case files, a YAML or JSON batch, or a CSV export", Required = true },
                AsOf("case (each case's own peildatum, the default), effective (each version's date) or a date YYYY-MM-DD"),
                Rules(), Format("markdown", "json"), Engine(),
            ],
            r => CommandLine.Impact(new(r), output)));
        root.Subcommands.Add(Command("verify",
            "Prove the legal properties (<dir>/properties/*.yaml) and the built-in ones of every version with the SMT solver: proven, " +
            "violated (with a counterexample case judged by both engines) or unknown (time-out); exit 1 on any violation.",
            [Directory("the rules folder (default rules/beschut-werk)")],
            [
                Version(),
                Events(), Timeout(),
                new Option<string>("--write-counterexamples") { Description = "write each counterexample as a case file in this folder" },
                new Option<string>("--solver") { Description = "z3 (the default) or cvc5" },
                SolverProcesses("how many solver processes share the versions' questions (default: one per processor)"),
                new Option<bool>("--no-builtin") { Description = "only the properties of the files, not the built-in ones" },
                CandidateCases(), Generated("0"), Seed(),
                new Option<string>("--property") { Description = "only the properties whose id starts with this (e.g. ingebouwd.monotonie)" },
                new Option<string>("--write-status") { Description = "write the results per version (with its content hash) to this JSON file, which the host's page of a version shows" },
            ],
            r => CommandLine.Verify(new(r), output, time)));
        root.Subcommands.Add(Command("exact-diffs",
            "The exact difference (as diff --exact) of each in-force version against the one before it and of each planned version " +
            "against the last in force, written to a JSON file with the versions' content hashes: the host's diff page and " +
            "DiffRuleSets show it without running the solver.",
            [Directory("the rules folder (default rules/beschut-werk)")],
            [
                new Option<string>("--version") { Description = "only the pairs this version is in; the file keeps the others" },
                CandidateCases(), Generated(CommandLine.ExactDiffsGenerated.ToString(System.Globalization.CultureInfo.InvariantCulture)), Seed(),
                Events(), Timeout(),
                new Option<string>("--write-status") { Description = "the JSON file (default <rules>/properties/exact-diffs.json)" },
            ],
            r => CommandLine.ExactDiffs(new(r), output, time)));
        var quota = new Command("quota", "The year's numbers of the Regeling vaststelling aantallen beschut werk.");
        quota.Subcommands.Add(Command("import",
            "Load a year's complete annex (columns municipality_code, number; optionally municipality_name, year, source): every row " +
            "checked, the sum equal to the year's national number; writes <rules>/quota/<year>.yaml.",
            [new Argument<string>("annex.csv") { Description = "the annex as CSV" }],
            [
                new Option<string>("--year") { Description = "the year, e.g. 2019", Required = true },
                new Option<string>("--citation") { Description = "where it was published, e.g. \"Stcrt. 2018, 69402\"", Required = true },
                new Option<string>("--url") { Description = "the publication's address" },
                new Option<string>("--stated-sum") { Description = "the total the annex itself states (its 'Som'), where it differs from the rounded national number, e.g. 4591" },
                Rules(),
            ],
            r => CommandLine.Quota(new(r), output)));
        root.Subcommands.Add(quota);
        root.Subcommands.Add(Audit(output));
        return root;
    }

    private static Command Evaluate(TextWriter output, TimeProvider time) => Command("evaluate",
        "Judge a case: outcomes, criteria (✓/✗/?), Dutch reasons, sources, missing facts, trace, rule-set hash and engine.",
        [new Argument<string>("case") { Description = "a case file (YAML or JSON)" }],
        [
            AsOf("the peildatum (default: as_of in the case file)"), Version(), Rules(), Format("text", "json"),
            new Option<bool>("--full-trace") { Description = "every rule with the facts it read, not only those that decided" },
            Engine(),
            new Option<bool>("--record") { Description = "commit the decision to the audit log (--store) and print its decision id" },
            Store(),
            new Option<string>("--subject") { Description = "with --record: the person's id (e.g. a BSN), kept only as its keyed pseudonym" },
            new Option<string>("--subject-type") { Description = "the kind of id --subject is, e.g. BSN" },
            SubjectKeyFile(),
            new Option<string>("--processing-activity") { Description = "with --record: the entry in the register of processing activities" },
        ],
        r => CommandLine.Evaluate(new(r), output, time));

    private static Command Audit(TextWriter output)
    {
        var audit = new Command("audit", "The audit log of decisions (Logboek Dataverwerkingen): show, list, replay and verify records; shipping status.");
        audit.Subcommands.Add(Command("show", "One record: when, by whom, which rules (version, hash) and engine, outcomes, criteria, missing facts.",
            [DecisionId()],
            [Store(), Format("text", "json"), new Option<string>("--facts-key-file") { Description = "the key the facts were stored with, to show them" }],
            r => AuditCommandLine.Show(new(r), output)));
        audit.Subcommands.Add(Command("list", "Records decided in a period, oldest first, one per line.", [],
            [
                new Option<string>("--from") { Description = "decided on or after this date (YYYY-MM-DD, UTC)" },
                new Option<string>("--to") { Description = "decided before this date (YYYY-MM-DD, UTC)" },
                new Option<string>("--hash") { Description = "only decisions under the rule set with this content hash (or prefix)" },
                new Option<string>("--outcome") { Description = "only decisions with this outcome: advies=positief, or a value alone" },
                new Option<string>("--subject") { Description = "only decisions about this person (pseudonymised with --subject-key-file before searching)" },
                new Option<string>("--caller") { Description = "only decisions asked for by this OIN or client id" },
                new Option<string>("--limit") { Description = "at most this many (default 1000)" },
                Store(), SubjectKeyFile(),
            ],
            r => AuditCommandLine.List(new(r), output)));
        audit.Subcommands.Add(Command("replay",
            "Judge the case file again with the recorded version (by hash) and engine; exit 0 when input and decision are identical, else 1 with every difference.",
            [DecisionId()],
            [new Option<string>("--case") { Description = "the case file the decision was made on (YAML or JSON)", Required = true }, Store(), Rules()],
            r => AuditCommandLine.Replay(new(r), output)));
        audit.Subcommands.Add(Command("verify",
            "Check the hash chain: the first broken link, every record altered, deleted or slipped in, and the signed checkpoints; exit 0 when intact, else 1.",
            [],
            [
                new Option<string>("--from") { Description = "the first position in the chain to check (default 1)" },
                new Option<string>("--to") { Description = "the last position to check (default the last)" },
                new Option<string>("--checkpoint-key-file") { Description = "the key the checkpoints were signed with (Audit:CheckpointKeyFile), to check their signatures" },
                Store(),
            ],
            r => AuditCommandLine.Verify(new(r), output)));
        audit.Subcommands.Add(Command("status", "The chain's length and checkpoints, and per Logboek what it acknowledged, the backlog and the last failure.", [],
            [Store()], r => AuditCommandLine.Status(new(r), output)));
        return audit;
    }

    private static Argument<string> DecisionId() => new("decision-id") { Description = "the decision id a decision carries (UUID)" };

    private static Option<string> Store() =>
        new("--store") { Description = $"the audit store: a SQLite file or a PostgreSQL connection string (default {AuditCommandLine.DefaultStore})" };

    private static Option<string> SubjectKeyFile() =>
        new("--subject-key-file") { Description = "the file with the deployment's pseudonymisation key (base64), as the host's Audit:SubjectKeyFile" };

    private static Command Command(string name, string description, Argument[] arguments, Option[] options, Func<ParseResult, int> action)
    {
        var command = new Command(name, description);
        foreach (var a in arguments) command.Arguments.Add(a);
        foreach (var o in options) command.Options.Add(o);
        command.SetAction(action);
        return command;
    }

    private static Argument<string?> Directory(string description) =>
        new("dir") { Description = description, Arity = ArgumentArity.ZeroOrOne };

    private static Argument<string> From() =>
        new("from") { Description = "a version (2017-01-01, planned-simpel-switchen), a content-hash prefix, a date, or a rule file" };

    private static Argument<string> To() => new("to") { Description = "the version to compare to, named the same ways" };

    private static Option<string> Events() => new("--events") { Description = "K: prove for histories of at most K events (default 6)" };

    private static Option<string> SolverProcesses(string description) => new("--solver-processes") { Description = description };

    private static Option<string> Timeout() =>
        new("--timeout") { Description = "seconds the solver may take per question (default 30); a time-out is unknown, never proven" };

    private static Option<string> CandidateCases() =>
        new("--cases") { Description = "cases tried before the solver, beside the rule tests (a folder or batch of case files, e.g. samples/cases): what they show needs no search" };

    private static Option<string> Generated(string byDefault) =>
        new("--generated") { Description = $"also try this many generated cases (complete and incomplete, of --seed) before the solver, judged by the engine (default {byDefault})" };

    private static Option<string> Seed() =>
        new("--seed") { Description = $"the seed of the generated cases (default {EligibilityEngine.Testing.CaseGenerator.DefaultSeed}): the same seed, the same cases" };

    private static Option<string> Rules() => new("--rules") { Description = "the rules folder (default rules/beschut-werk)" };

    private static Option<string> AsOf(string description) => new("--as-of") { Description = description };

    private static Option<string> Version() =>
        new("--version") { Description = "a version by name (e.g. planned-simpel-switchen) or a content-hash prefix; planned versions apply only when named" };

    private static Option<string> Format(params string[] formats)
    {
        var option = new Option<string>("--format") { Description = $"{string.Join(" or ", formats)} (default {formats[0]})" };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }

    private static Option<string> Engine()
    {
        var option = new Option<string>("--engine")
        {
            Description = "nrules (NRules' Rete engine, the default) or compiled (the project's compiled evaluator, proven to give the same decisions)",
        };
        option.AcceptOnlyFromAmong("nrules", "compiled");
        return option;
    }
}
