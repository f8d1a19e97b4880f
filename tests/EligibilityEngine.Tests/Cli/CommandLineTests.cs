using System.Text.Json;
using EligibilityEngine.Cases;
using EligibilityEngine.Cli;
using EligibilityEngine.Testing;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Cli;

/// <summary>The `eligibility` command as a labour expert and a CI job use it.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly TempRuleSet _temp = new();

    public void Dispose() => _temp.Dispose();

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CommandLine.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static string Sample(string name) => Path.Combine(RepositoryPaths.Samples, name);

    [Fact]
    public void Evaluate_prints_criteria_with_marks_reasons_sources_trace_and_hash()
    {
        var (exit, output, _) = Run("evaluate", Sample("onvoldoende-gegevens.yaml"), "--rules", RepositoryPaths.Rules);

        exit.ShouldBe(0);
        output.ShouldContain("Beoordeling beschut werk naar de regels — peildatum 1 mei 2019");
        output.ShouldContain("Regelset: beschut-werk versie 2018-01-01");
        output.ShouldContain($"sha256 {RealRules.Library.Select(new DateOnly(2019, 5, 1)).Reference.ContentHash}");
        output.ShouldContain("  ✓ Arbeidsvermogen — voldaan");
        output.ShouldContain("  ? Permanent toezicht of intensieve begeleiding die een werkgever niet binnen redelijke grenzen kan bieden — niet vast te stellen");
        output.ShouldContain("    Niet vast te stellen. Benodigde begeleiding: onbekend; een werkgever kan die binnen redelijke grenzen bieden: nee.");
        output.ShouldContain("    Bron: Besluit advisering beschut werk art. 3 lid 1 (Stb. 2014, 515; tekst geldend op 25 februari 2017, na de wijziging bij Stb. 2017, 59, waarvan de inhoud niet is gezien) — https://wetten.overheid.nl/BWBR0035947/2017-02-25#Artikel3 [regel ADV-C-BEGELEIDING]");
        output.ShouldContain("  Advies beschut werk: onvoldoende gegevens");
        output.ShouldContain("Ontbrekende gegevens\n  - benodigde aanpassingen van werkplek of werk (person.adaptation_need) — nodig voor: criterium Technische of organisatorische aanpassingen die een werkgever niet binnen redelijke grenzen kan realiseren; Advies beschut werk; Plicht van de gemeente om beschut werk aan te bieden");
        output.ShouldContain("  - benodigde begeleiding (person.supervision_need) — nodig voor: criterium Permanent toezicht of intensieve begeleiding die een werkgever niet binnen redelijke grenzen kan bieden; Advies beschut werk; Plicht van de gemeente om beschut werk aan te bieden");
        output.ShouldNotContain("waarvan geen uitkomst afhangt");
        // The trace a person reads names conclusions by their titles and labels, facts by the form's label (the path beside it).
        output.ShouldContain("[laag 0] ADV-C-ARBEIDSVERMOGEN → criterium ‘Arbeidsvermogen’: waar — gelezen: arbeidsvermogen (person.has_work_capacity) = ja");
        var trace = output[output.IndexOf("Toegepaste regels", StringComparison.Ordinal)..];
        trace.ShouldContain("→ uitkomst ‘Ontvankelijkheid van de aanvraag’: ontvankelijk: waar");
        trace.ShouldNotContain(" = geen_");
        trace.ShouldNotMatch(@"→ (uitkomst|criterium|bevinding) [a-z_]+ ");
    }

    [Fact]
    public void Evaluate_names_NRules_and_the_compiled_engine_gives_the_same_decision_apart_from_the_engine()
    {
        var (exit, nrules, _) = Run("evaluate", Sample("positief-advies.yaml"), "--rules", RepositoryPaths.Rules);
        var (compiledExit, compiled, _) = Run("evaluate", Sample("positief-advies.yaml"), "--rules", RepositoryPaths.Rules, "--engine", "compiled");

        (exit, compiledExit).ShouldBe((0, 0));
        nrules.ShouldContain("\nRekenregels uitgevoerd met: NRules 1.0.4\n");
        compiled.ShouldContain("\nRekenregels uitgevoerd met: EligibilityEngine compiled evaluator ");
        // Everything up to the trace is the decision; the trace lists the rules in the order each engine ran them.
        string Decision(string text) => string.Join('\n', text[..text.IndexOf("Toegepaste regels", StringComparison.Ordinal)].Split('\n')
            .Where(line => !line.StartsWith("Rekenregels uitgevoerd met:", StringComparison.Ordinal)));
        Decision(compiled).ShouldBe(Decision(nrules));
        nrules.ShouldContain("Toegepaste regels in de volgorde waarin NRules 1.0.4 ze uitvoerde");
    }

    [Fact]
    public void An_unknown_engine_is_a_usage_error_that_names_the_choices()
    {
        var (exit, _, error) = Run("evaluate", Sample("positief-advies.yaml"), "--engine", "drools");

        exit.ShouldBe(2);
        error.ShouldContain("Argument 'drools' not recognized. Must be one of:");
        error.ShouldContain("'nrules'");
        error.ShouldContain("'compiled'");
    }

    [Fact]
    public void Missing_facts_that_change_no_outcome_are_listed_apart_from_those_an_outcome_waits_for()
    {
        // Converted to the banenafspraak, no new application: every outcome follows from the history, and the advice
        // criteria stay open without mattering to any of them.
        var (exit, output, _) = Run("evaluate", Sample("omzetting-banenafspraak.yaml"), "--rules", RepositoryPaths.Rules);

        exit.ShouldBe(0);
        output.ShouldContain("Ontbrekende gegevens waarvan geen uitkomst afhangt (ze laten alleen een criterium open)\n" +
                             "  - benodigde aanpassingen van werkplek of werk (person.adaptation_need) — nodig voor: criterium Technische of organisatorische aanpassingen die een werkgever niet binnen redelijke grenzen kan realiseren\n");
        output.ShouldNotContain("Ontbrekende gegevens\n");
    }

    [Fact]
    public void Json_output_holds_the_same_decision_as_the_text()
    {
        var (exit, output, _) = Run("evaluate", Sample("quotum-bereikt-ander-aanbod.yaml"), "--rules", RepositoryPaths.Rules, "--format", "json");

        exit.ShouldBe(0);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        root.GetProperty("as_of").GetString().ShouldBe("2018-09-01");
        root.GetProperty("rule_set").GetProperty("version").GetString().ShouldBe("2018-01-01");
        var duty = root.GetProperty("outcomes").EnumerateArray().Single(o => o.GetProperty("id").GetString() == "gemeentelijke_plicht");
        duty.GetProperty("value").GetString().ShouldBe("geen_plicht_quotum_bereikt");
        duty.GetProperty("values").GetProperty("ander_aanbod").GetString().ShouldBe("verplicht_als_geen_plek_wordt_aangeboden");
        duty.GetProperty("explanation").GetString()!.ShouldContain("heeft met 35 dienstbetrekkingen het aantal van 35 voor 2018 bereikt");
        root.GetProperty("criteria").EnumerateArray().First().GetProperty("status").GetString().ShouldBe("met");
        // Every rule of the version, each once.
        root.GetProperty("trace").GetArrayLength().ShouldBe(RealRules.Library.Select(new DateOnly(2018, 9, 1)).Rules.Length);

        var text = Run("evaluate", Sample("quotum-bereikt-ander-aanbod.yaml"), "--rules", RepositoryPaths.Rules).Output;
        text.ShouldContain(duty.GetProperty("explanation").GetString()!);
    }

    [Fact]
    public void As_of_on_the_command_line_overrides_the_case_file()
    {
        var output = Run("evaluate", Sample("eigen-aanvraag-2017.yaml"), "--rules", RepositoryPaths.Rules, "--as-of", "2016-12-31").Output;
        output.ShouldContain("Regelset: beschut-werk versie 2015-01-01");
    }

    [Fact]
    public void A_date_before_the_first_version_is_refused()
    {
        var (exit, _, error) = Run("evaluate", Sample("positief-advies.yaml"), "--rules", RepositoryPaths.Rules, "--as-of", "2014-06-01");
        exit.ShouldBe(1);
        error.ShouldContain("no version of rule set beschut-werk is in force on 2014-06-01");
    }

    [Fact]
    public void A_seed_of_generated_cases_that_is_no_number_is_refused_before_the_solver_runs()
    {
        var (exit, _, error) = Run("verify", RepositoryPaths.Rules, "--generated", "10", "--seed", "zeven");
        exit.ShouldBe(2);
        error.ShouldContain("--seed must be a whole number, not 'zeven'");
    }

    [Fact]
    public void Validate_reports_all_errors_of_a_broken_file_with_positions_and_fails()
    {
        var rules = TempRuleSet.Criterion("person.has_work_capacity and person.date_of_birth > 3", id: "A")
            + TempRuleSet.Criterion("param.missing = 1", id: "B", criterion: "b")
            + TempRuleSet.Criterion("person.supervision_need = 'strong'", id: "C", criterion: "c3");
        _temp.With("2015-01-01.yaml", TempRuleSet.Version(rules));

        var (exit, _, error) = Run("validate", _temp.Path);

        exit.ShouldBe(1);
        var file = Path.Combine(_temp.Path, "2015-01-01.yaml");
        error.ShouldContain($"{file}:16:62: [rule A] cannot order a date against a number");
        error.ShouldContain($"{file}:25:12: [rule B] unknown parameter 'param.missing'");
        error.ShouldContain($"{file}:34:38: [rule C] 'strong' is not one of (none, light, regular, intensive, permanent)");
        error.ShouldContain("3 error(s) in");
    }

    [Fact]
    public void Validate_accepts_the_real_rule_set()
    {
        var (exit, output, _) = Run("validate", RepositoryPaths.Rules);
        exit.ShouldBe(0);
        output.ShouldContain("11 version(s) valid");
    }

    [Fact]
    public void A_bad_case_file_names_the_field_and_its_line()
    {
        var path = Path.Combine(_temp.Path, "case.yaml");
        File.WriteAllText(path, """
            as_of: 2019-01-01
            person:
              has_work_capacity: yes please
              supervision_need: intens
            events:
              - { type: placed, date: 2019-13-01 }
            """);

        var (exit, _, error) = Run("evaluate", path, "--rules", RepositoryPaths.Rules);

        exit.ShouldBe(1);
        error.ShouldContain($"{path}:3:22: person.has_work_capacity must be true, false or unknown, not 'yes please'");
        error.ShouldContain($"{path}:4:21: person.supervision_need: 'intens' is not one of (none, light, regular, intensive, permanent); did you mean 'intensive'?");
        error.ShouldContain($"{path}:6:27: events[0].date must be a date written as YYYY-MM-DD, not '2019-13-01'");
    }

    [Fact]
    public void Versions_lists_dates_titles_and_summaries()
    {
        var output = Run("versions", "--rules", RepositoryPaths.Rules).Output;
        output.ShouldContain("2017-01-01  in werking  vanaf 2017-01-01");
        output.ShouldContain("planned-simpel-switchen  GEPLAND  vanaf datum onbekend");
        output.ShouldContain("Plicht tot aanbod tot het aantal uit de regeling; aanvraag door de persoon zelf");
    }

    [Fact]
    public void Show_prints_the_complete_rule_set_in_force_on_a_date()
    {
        var output = Run("show", "--as-of", "2017-06-01", "--rules", RepositoryPaths.Rules).Output;

        output.ShouldContain("# beschut-werk 2017-02-25: Besluit advisering gewijzigd");
        // Inherited from 2015 and added in 2017 alike: the consolidated text, not the delta.
        output.ShouldContain("### ADV-C-ARBEIDSVERMOGEN [laag 0] → criterium arbeidsvermogen");
        output.ShouldContain("### PL-PLICHT [laag 4] → uitkomst gemeentelijke_plicht = plicht_tot_aanbod");
        output.ShouldContain("  als: finding.vastgesteld_doelgroep and count(employees) < first_known(municipality.quota, param.quota[municipality.code, year(case.as_of)])");
        output.ShouldNotContain("PL-2015-GEEN-PLICHT");
    }

    [Fact]
    public void Test_runs_the_yaml_rule_tests_and_ends_with_a_count()
    {
        var (exit, output, _) = Run("test", "--rules", RepositoryPaths.Rules);
        exit.ShouldBe(0);
        output.TrimEnd().Split('\n')[^1].ShouldMatch(@"^\d+ passed, 0 failed$");
    }

    [Fact]
    public void A_rule_test_written_for_a_case_with_a_missing_table_row_reads_back_and_passes()
    {
        var file = CaseReader.ReadFile(Sample("positief-advies.yaml"));
        var asOf = new DateOnly(2030, 1, 1);
        var decision = RealRules.Library.Evaluate(file.Case, asOf);
        decision.MissingFacts.ShouldContain(m => m.Path.StartsWith("param.quota[", StringComparison.Ordinal));
        _temp.With("tests/opgeslagen.yaml", "tests:\n" + RuleTestWriter.Write("opgeslagen casus", "Pw art. 10b", file.Case, decision, null));

        var (exit, output, _) = Run("test", Path.Combine(_temp.Path, "tests"), "--rules", RepositoryPaths.Rules);

        output.ShouldContain("PASS  opgeslagen casus");
        output.TrimEnd().Split('\n')[^1].ShouldBe("1 passed, 0 failed");
        exit.ShouldBe(0);
    }

    [Fact]
    public void A_rule_test_file_that_cannot_be_read_fails_with_its_position_and_every_other_file_still_runs()
    {
        foreach (var test in Directory.GetFiles(RepositoryPaths.RuleTests, "*.yaml"))
            _temp.With(Path.Combine("tests", Path.GetFileName(test)), File.ReadAllText(test));
        _temp.With("tests/zz-kapot.yaml", "tests:\n  - name: kapot\n    source: x\n    as_of: 2019-01-01\n    case: {}\n    expect:\n      missing: [param.quota[GM0014, 2019]]\n");
        var all = RuleTestRunner.Load(RepositoryPaths.RuleTests).Count;

        var (exit, output, _) = Run("test", Path.Combine(_temp.Path, "tests"), "--rules", RepositoryPaths.Rules);

        exit.ShouldBe(1);
        output.ShouldContain("FAIL  zz-kapot.yaml: the file cannot be read, none of its tests ran");
        output.ShouldMatch(@"zz-kapot\.yaml:7:\d+");
        output.TrimEnd().Split('\n')[^1].ShouldBe($"{all} passed, 1 failed");
    }

    [Fact]
    public void An_unknown_option_is_a_usage_error_that_suggests_the_option_meant()
    {
        var (exit, _, error) = Run("evaluate", Sample("positief-advies.yaml"), "--asof", "2019-01-01");

        exit.ShouldBe(2);
        error.ShouldContain("Unrecognized command or argument '--asof'.");
        Run("evaluate", Sample("positief-advies.yaml"), "--asof", "2019-01-01").Output.ReplaceLineEndings("\n").ShouldContain("Did you mean one of the following?\n--as-of");
    }

    [Fact]
    public void A_mistyped_command_gets_a_suggestion()
    {
        var (exit, output, _) = Run("evaluat", Sample("positief-advies.yaml"));

        exit.ShouldBe(2);
        output.ReplaceLineEndings("\n").ShouldContain("'evaluat' was not matched. Did you mean one of the following?\nevaluate");
    }

    [Fact]
    public void Every_command_has_its_own_help()
    {
        foreach (var command in new[] { "evaluate", "validate", "versions", "show", "test", "diff", "impact" })
        {
            var (exit, output, _) = Run(command, "--help");
            exit.ShouldBe(0, command);
            output.ShouldMatch($@"Usage:\s+\S+ {command}\b", customMessage: command);
        }

        Run("evaluate", "--help").Output.ShouldMatch(@"--as-of <as-of>\s+the peildatum \(default: as_of in the case file\)");
        Run("audit", "replay", "--help").Output.ShouldContain("--case <case> (REQUIRED)");
        Run("quota", "import", "--help").Output.ShouldContain("--citation <citation> (REQUIRED)");
    }

    [Fact]
    public void Diff_prints_markdown_for_a_lawyer_and_json_for_tools()
    {
        var (exit, markdown, _) = Run("diff", "2024-01-01", "2026-01-01", "--rules", RepositoryPaths.Rules);
        var (jsonExit, json, _) = Run("diff", "2024-01-01", "2026-01-01", "--rules", RepositoryPaths.Rules, "--format", "json");

        exit.ShouldBe(0);
        markdown.ShouldContain("### Gewijzigd: `PL-C-PERSONENKRING` — Behoort tot de personenkring van art. 10b lid 1");
        jsonExit.ShouldBe(0);
        // The personenkring's condition changed; the age criterion only cites the 2026 text of art. 6 now.
        var rule = JsonDocument.Parse(json).RootElement.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "PL-C-PERSONENKRING");
        rule.GetProperty("kind").GetString().ShouldBe("changed");
        rule.GetProperty("fields")[0].GetProperty("field").GetString().ShouldBe("source");
    }

    [Fact]
    public void Impact_over_the_samples_lists_the_changed_decisions()
    {
        var (exit, output, _) = Run("impact", "2026-01-01", "planned-2028-forfaitaire-lks", "--rules", RepositoryPaths.Rules, "--cases", RepositoryPaths.Samples);

        exit.ShouldBe(0);
        output.ShouldContain("**1 van 20 beslissingen veranderen**; 19 blijven gelijk.");
        // The outcome and its values in the rule files' Dutch words; the code stays beside the outcome's title per case.
        output.ShouldContain("| Methode loonkostensubsidie | op basis van de vastgestelde loonwaarde | forfaitair | 1 |");
        output.ShouldContain("### geplaatst-in-beschut-werk.yaml\n\n- Methode loonkostensubsidie (`loonkostensubsidie`): op basis van de vastgestelde loonwaarde → forfaitair (regel `LKS-LOONWAARDE` → `LKS-FORFAITAIR`)");
    }

    [Fact]
    public void Diff_with_cases_puts_how_many_decisions_change_above_the_changed_rules()
    {
        var (exit, output, _) = Run("diff", "2026-01-01", "planned-simpel-switchen", "--rules", RepositoryPaths.Rules, "--cases", RepositoryPaths.Samples);
        var (impactExit, impact, _) = Run("impact", "2026-01-01", "planned-simpel-switchen", "--rules", RepositoryPaths.Rules, "--cases", RepositoryPaths.Samples);

        exit.ShouldBe(0);
        impactExit.ShouldBe(0);
        var summary = output.IndexOf("beslissingen veranderen**", StringComparison.Ordinal);
        summary.ShouldBeGreaterThan(0);
        summary.ShouldBeLessThan(output.IndexOf("## Regels", StringComparison.Ordinal));
        // The same count and the same transitions, in Dutch, as the impact report gives them.
        var transitions = impact.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).ToList();
        transitions.ShouldContain("| Huidige status in de levensloop | terugval: een nieuwe aanvraag is gedaan | terugkeer zonder nieuwe beoordeling | 2 |");
        foreach (var row in transitions) output.ShouldContain(row);
        output.ShouldContain(impact.Split('\n').Single(l => l.Contains("beslissingen veranderen**", StringComparison.Ordinal)));
    }

    [Fact]
    public void Diff_as_json_marks_the_changed_words_of_a_condition()
    {
        var (exit, json, _) = Run("diff", "2026-01-01", "planned-simpel-switchen", "--rules", RepositoryPaths.Rules, "--format", "json");

        exit.ShouldBe(0);
        var when = JsonDocument.Parse(json).RootElement.GetProperty("rules").EnumerateArray()
            .Single(r => r.GetProperty("id").GetString() == "LEV-F-GELDIG-POSITIEF").GetProperty("fields").EnumerateArray()
            .Single(f => f.GetProperty("field").GetString() == "when");
        when.GetProperty("words").EnumerateArray().Select(w => (w.GetProperty("kind").GetString(), w.GetProperty("text").GetString())).ShouldBe(
        [
            ("same", "outcome.advies = 'positief' or finding.laatste_advies_positief and not "),
            ("removed", "finding.advies_omgezet and not "),
            ("same", "finding.advies_beantwoord_door_negatieve_vaststelling and not finding.nieuwe_aanvraag_na_intrekking or finding.vastgesteld_doelgroep"),
        ]);
    }

    [Fact]
    public void Impact_as_json_gives_the_transitions_and_each_changed_case_for_tools()
    {
        var (exit, json, _) = Run("impact", "2026-01-01", "planned-simpel-switchen", "--rules", RepositoryPaths.Rules, "--cases", RepositoryPaths.Samples, "--format", "json");

        exit.ShouldBe(0);
        var report = JsonDocument.Parse(json).RootElement;
        report.GetProperty("cases").GetInt32().ShouldBe(20);
        report.GetProperty("changed").EnumerateArray().Select(c => c.GetProperty("name").GetString())
            .ShouldBe(["omzetting-banenafspraak.yaml", "omzetting-en-terugval-simpel-switchen.yaml", "omzetting-en-terugval.yaml"]);
        var rules = report.GetProperty("changed")[2].GetProperty("rules").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("change").GetString());
        rules["LEV-TERUGKEER-ZONDER-HERBEOORDELING"].ShouldBe("added");
        rules["LEV-TERUGVAL-AANVRAAG"].ShouldBe("removed");
        report.GetProperty("changed")[2].GetProperty("from_as_of").GetString().ShouldBe("2017-06-01");
    }

    [Fact]
    public void Impact_without_cases_or_with_a_bad_peildatum_is_a_usage_error()
    {
        Run("impact", "2024-01-01", "2026-01-01", "--rules", RepositoryPaths.Rules).ShouldSatisfyAllConditions(
            r => r.Exit.ShouldBe(2), r => r.Error.ShouldContain("Option '--cases' is required."));
        Run("impact", "2024-01-01", "2026-01-01", "--rules", RepositoryPaths.Rules, "--cases", RepositoryPaths.Samples, "--as-of", "gisteren").ShouldSatisfyAllConditions(
            r => r.Exit.ShouldBe(2), r => r.Error.ShouldContain("--as-of: the peildatum must be case, effective or a date written as YYYY-MM-DD from 1900-01-01 to 2199-12-31, not 'gisteren'"));
    }
}
