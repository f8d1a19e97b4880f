using EligibilityEngine.Decisions;
using EligibilityEngine.Evaluation;
using EligibilityEngine.Cases;
using EligibilityEngine.Diagnostics;
using EligibilityEngine.Testing;
using EligibilityEngine.Tests.Support;
using EligibilityEngine.Verification;

namespace EligibilityEngine.Tests.Verification;

public sealed class PropertyVerificationTests
{
    private static IReadOnlyList<LegalProperty> Load(TempRuleSet folder, out IReadOnlyList<Diagnostic> errors)
    {
        var diagnostics = new DiagnosticBag();
        var properties = PropertyFileReader.Load(folder.Path, RealRules.Library, diagnostics);
        errors = diagnostics.Items;
        return properties;
    }

    private static string Property(string formula, string extra = "") => $"""
        properties:
          - id: P
            statement: Een eigenschap.
            source: {"{"} citation: Participatiewet art. 10b {"}"}
        {extra}    holds: {formula}
        """;

    [Fact]
    public void The_real_properties_load_and_are_at_least_ten()
    {
        var diagnostics = new DiagnosticBag();
        PropertyFileReader.Load(Path.Combine(RepositoryPaths.Rules, "properties"), RealRules.Library, diagnostics).Count.ShouldBeGreaterThanOrEqualTo(10);
        diagnostics.Items.ShouldBeEmpty();
    }

    [Fact]
    public void A_property_that_does_not_parse_is_an_error_with_file_line_and_column()
    {
        using var folder = new TempRuleSet().With("p.yaml", Property("outcome.advies = = 'positief'"));
        Load(folder, out var errors);
        errors.ShouldHaveSingleItem().Position.ShouldSatisfyAllConditions(p => p.Line.ShouldBe(5), p => p.Column.ShouldBe(29), p => p.File.ShouldEndWith("p.yaml"));
    }

    [Fact]
    public void A_property_that_does_not_type_check_is_an_error_at_the_offending_name()
    {
        using var folder = new TempRuleSet().With("p.yaml", Property("outcome.advies = 'positif'"));
        Load(folder, out var errors);
        var error = errors.ShouldHaveSingleItem();
        error.Message.ShouldContain("'positif' is not one of");
        (error.Position.Line, error.Position.Column).ShouldBe((5, 29));
    }

    [Fact]
    public void An_expected_violation_needs_a_reason()
    {
        using var folder = new TempRuleSet().With("p.yaml", Property("true", "    expected: violated\n"));
        Load(folder, out var errors);
        errors.ShouldHaveSingleItem().Message.ShouldContain("needs a reason");
    }

    [Trait(Category.Name, Category.Solver)]
    [Fact]
    public void A_violated_property_has_a_counterexample_that_both_engines_confirm()
    {
        // 2015-01-01: the smallest version, so that the solver finds the case within its time on a loaded machine.
        using var folder = new TempRuleSet().With("p.yaml", Property("not (outcome.advies = 'positief')", "    versions: [2015-01-01]\n"));
        var properties = Load(folder, out _);
        var verifier = new Verifier(RealRules.Library, new VerificationOptions(Events: 2));

        var result = verifier.Verify(RealRules.Library.Resolve("2015-01-01"), properties, builtIns: false).Results.ShouldHaveSingleItem();

        result.Status.ShouldBe(PropertyStatus.Violated);
        var counterexample = result.Counterexample.ShouldHaveSingleItem();
        counterexample.CaseFile.ShouldMatch(@"as_of: 201[56]-");  // within the version's period, 2015-01-01 to 2016-12-31
        counterexample.Decision.ShouldContain("outcome advies = positief");
    }

    // The solver's smallest model may still carry events after the peildatum and facts no rule of the violation reads
    // (seen: five events where one was enough); the counterexample a lawyer reads has none of them.
    [Fact]
    public void A_counterexample_keeps_only_what_the_violation_needs()
    {
        var set = RealRules.Library.Resolve("2015-01-01");
        var padded = new CounterexampleCase("casus", """
            as_of: 2015-02-28
            person:
              wsw_indication: true
              wsw_supported_work_possible: false
              wage_value_percent: 40
              registered_as_job_seeker: true
            application:
              applicant: municipality
              new_facts_stated: false
            events:
              - { type: advice_issued, date: 2015-01-10, result: negatief }
              - { type: banenafspraak_indication_granted, date: 2096-01-01 }
            """, []);
        static bool PositiveAdvice(IReadOnlyList<CaseFile> cases, IReadOnlyList<Decision> decisions) => decisions[0].Outcome("advies").Value == "positief";

        var smaller = new Verifier(RealRules.Library, new VerificationOptions()).Smaller(set, padded, PositiveAdvice);

        var file = CaseReader.ReadText(smaller.CaseFile, "tegenvoorbeeld");
        CompiledEngine.Instance.Evaluate(set, file.Case, file.AsOf!.Value, EvaluationOptions.Minimal).Outcome("advies").Value.ShouldBe("positief");
        smaller.Decision.ShouldContain("outcome advies = positief");
        file.Case.Events.ShouldBeEmpty();
        file.Case.Person.WageValuePercent.ShouldBeNull();
        // Nothing left that the violation does not need: leaving out any fact, event or event field ends it.
        CandidateCases.LeftOut((file.Case, file.AsOf.Value))
            .ShouldAllBe(c => CompiledEngine.Instance.Evaluate(set, c.Case, c.AsOf, EvaluationOptions.Minimal).Outcome("advies").Value != "positief");
    }

    // A counterexample with a contract of only defaults ("- {  }") made the shrinking loop take the same step forever:
    // leaving out the item's no field gave back the same case, which still showed the violation.
    [Fact]
    public void Leaving_out_a_fact_never_gives_back_the_same_case()
    {
        var file = CaseReader.ReadText("""
            as_of: 2020-01-30
            person:
              date_of_birth: 1960-05-31
            municipality:
              quota: 0
              employees:
                - {  }
            events:
              - { type: advice_issued, date: 2019-07-31, result: positief }
            """, "casus.yaml");
        var original = CaseYamlWriter.Write(file.Case, file.AsOf!.Value);

        var steps = CandidateCases.LeftOut((file.Case, file.AsOf.Value)).Select(c => CaseYamlWriter.Write(c.Case, c.AsOf)).ToList();

        steps.ShouldNotBeEmpty();
        steps.ShouldAllBe(step => step != original);
    }

    // A property's counterexample is shrunk with the engine judging the formula, not a solver question per step.
    [Trait(Category.Name, Category.Solver)]
    [Fact]
    public void A_counterexample_is_shrunk_by_the_engine_judging_the_property_and_still_violates_it()
    {
        using var folder = new TempRuleSet().With("p.yaml", Property("not (outcome.gemeentelijke_plicht = 'geen_plicht_quotum_bereikt')", "    versions: [2018-01-01]\n"));
        var verifier = new Verifier(RealRules.Library, new VerificationOptions(Events: 2));

        var result = verifier.Verify(RealRules.Library.Resolve("2018-01-01"), Load(folder, out _), builtIns: false).Results.ShouldHaveSingleItem();

        result.Status.ShouldBe(PropertyStatus.Violated);
        var set = RealRules.Library.Resolve("2018-01-01");
        var file = CaseReader.ReadText(result.Counterexample.ShouldHaveSingleItem().CaseFile, "tegenvoorbeeld");
        string Duty(Case c, DateOnly asOf) => CompiledEngine.Instance.Evaluate(set, c, asOf, EvaluationOptions.Minimal).Outcome("gemeentelijke_plicht").Value;
        Duty(file.Case, file.AsOf!.Value).ShouldBe("geen_plicht_quotum_bereikt");
        // As small as the engine can make it: leaving out any fact, event or field ends the violation.
        CandidateCases.LeftOut((file.Case, file.AsOf.Value)).Select(c => Duty(c.Case, c.AsOf)).ShouldAllBe(duty => duty != "geen_plicht_quotum_bereikt");
    }

    [Trait(Category.Name, Category.Solver)]
    [Fact]
    public void A_property_the_rules_guarantee_is_proven()
    {
        using var folder = new TempRuleSet().With("p.yaml", Property("not (outcome.advies = 'positief') or criterion.arbeidsvermogen or person.wsw_indication", "    versions: [2018-01-01]\n"));
        var verifier = new Verifier(RealRules.Library, new VerificationOptions(Events: 2));

        verifier.Verify(RealRules.Library.Resolve("2018-01-01"), Load(folder, out _), builtIns: false).Results.ShouldHaveSingleItem().Status.ShouldBe(PropertyStatus.Proven);
    }

    [Trait(Category.Name, Category.Solver)]
    [Fact]
    public void A_solver_time_out_is_unknown_never_proven()
    {
        using var folder = new TempRuleSet().With("p.yaml", Property("not (outcome.advies = 'negatief' and criterion.arbeidsvermogen and exists(advice_issued))", "    versions: [2018-01-01]\n"));
        var verifier = new Verifier(RealRules.Library, new VerificationOptions(Events: 8, Timeout: TimeSpan.FromMilliseconds(1)));

        verifier.Verify(RealRules.Library.Resolve("2018-01-01"), Load(folder, out _), builtIns: false).Results.ShouldHaveSingleItem().Status.ShouldBe(PropertyStatus.Unknown);
    }

    [Trait(Category.Name, Category.Solver)]
    [Theory]
    [InlineData("2015-01-01", "application.applicant", "ADV-GEEN-AANVRAAG, ONT-GEEN-AANVRAAG", "'aanvrager' (application.applicant)")]
    [InlineData("2017-01-01", "municipality.quota", "PL-VASTSTELLING-NODIG, PL-PLICHT", "'aantal te realiseren dienstbetrekkingen volgens de gemeente' (municipality.quota)")]
    public void Monotonicity_sets_aside_only_the_rules_that_ask_whether_the_fact_is_known(string version, string fact, string named, string label)
    {
        var verifier = new Verifier(RealRules.Library, new VerificationOptions(Events: 2));

        var result = verifier.Verify(RealRules.Library.Resolve(version), [], builtIns: true, id => id == $"ingebouwd.monotonie.{fact}").Results.ShouldHaveSingleItem();

        result.Status.ShouldBe(PropertyStatus.Proven);
        var detail = result.Detail.ShouldNotBeNull();
        foreach (var rule in named.Split(", ")) detail.ShouldContain(rule);
        result.Statement.ShouldBe($"Wie {label} te weten komt, ziet geen uitkomst veranderen die al vaststond.");
        detail.ShouldStartWith($"Buiten beschouwing, omdat zij vragen óf {label} bekend is");
    }

    [Trait(Category.Name, Category.Solver)]
    [Fact]
    public void Monotonicity_of_a_fact_read_only_by_value_sets_nothing_aside()
    {
        var verifier = new Verifier(RealRules.Library, new VerificationOptions(Events: 2));

        var result = verifier.Verify(RealRules.Library.Resolve("2015-01-01"), [], builtIns: true, id => id == "ingebouwd.monotonie.person.has_work_capacity").Results.ShouldHaveSingleItem();

        result.Status.ShouldBe(PropertyStatus.Proven);
        result.Detail.ShouldBeNull();
    }

    [Trait(Category.Name, Category.Solver)]
    [Fact]
    public void Versions_verified_together_get_the_results_each_gets_alone_reported_in_order_as_they_finish()
    {
        var verifier = new Verifier(RealRules.Library, new VerificationOptions(Events: 2));
        var versions = new[] { "2015-01-01", "2017-01-01", "2018-01-01" }.Select(RealRules.Library.Resolve).ToList();
        bool Wanted(string id) => id is "ingebouwd.monotonie.person.has_work_capacity" or "ingebouwd.volgorde-geschiedenis";
        var reported = new List<string>();

        var together = verifier.Verify(versions, [], builtIns: true, Wanted, v => reported.Add(v.Set.Version.Version));

        reported.ShouldBe(["2015-01-01", "2017-01-01", "2018-01-01"]);
        together.Select(v => v.Set.Version.Version).ShouldBe(reported);
        foreach (var (set, result) in versions.Zip(together))
            result.Results.Select(r => (r.Id, r.Status)).ShouldBe(verifier.Verify(set, [], builtIns: true, Wanted).Results.Select(r => (r.Id, r.Status)));
    }

    [Trait(Category.Name, Category.Solver)]
    [Fact]
    public void Rule_tests_moved_onto_a_version_of_a_few_weeks_show_every_rule_can_apply_without_a_search()
    {
        // 2017-02-01 is the law for 24 days; before cases were moved onto its days, the solver searched for 17 rules.
        var tests = RuleTestRunner.Load(Path.Combine(RepositoryPaths.Rules, "tests")).Select(t => (t.Case, t.AsOf)).ToList();
        var verifier = new Verifier(RealRules.Library, new VerificationOptions(), tests);

        var result = verifier.Verify(RealRules.Library.Resolve("2017-02-01"), [], builtIns: true, id => id == "ingebouwd.regels-kunnen-gelden").Results.ShouldHaveSingleItem();

        result.Status.ShouldBe(PropertyStatus.Proven);
        result.Detail.ShouldNotBeNull().ShouldEndWith(", 0 met een casus van de oplosser.");
    }

    [Trait(Category.Name, Category.Solver)]
    [Fact]
    public void Event_order_is_asked_per_swap_and_told_as_one_result_proven_through_the_reads_of_the_history()
    {
        // 2026-01-01: comparing whole decisions after a swap ran out of a 30 s budget; the two steps prove it.
        var verifier = new Verifier(RealRules.Library, new VerificationOptions(Events: 3, Timeout: TimeSpan.FromSeconds(30)));

        var result = verifier.Verify(RealRules.Library.Resolve("2026-01-01"), [], builtIns: true, id => id == "ingebouwd.volgorde-geschiedenis").Results.ShouldHaveSingleItem();

        result.Status.ShouldBe(PropertyStatus.Proven);
        result.Counterexample.ShouldBeNull();
    }

    [Fact]
    public void Every_version_decides_on_its_events_only_through_the_rules_reads_of_the_history()
    {
        foreach (var set in RealRules.Library.Versions)
        {
            var encoding = VersionEncoding.Encode(new SmtScript(), set, new SymbolicCase("a", 3, 2), new TextUniverse());

            var inputs = encoding.HistoryInputs.ShouldNotBeNull(set.Version.Version);
            inputs.Reads.ShouldNotBeEmpty(set.Version.Version);
        }
    }

    [Fact]
    public void A_rule_depends_on_a_fact_it_reads_directly_through_a_fact_left_out_by_it_or_through_a_conclusion()
    {
        var set = RealRules.Library.Resolve("2026-01-01");

        var independent = Independence.RulesIndependentOf(set, "application.date").Select(i => set.Rules[i].Definition.Id).ToList();

        independent.ShouldContain("PL-C-LEEFTIJD");
        independent.ShouldNotContain("ONT-COLLEGE");            // reads application.applicant, left out with an application dated later
        independent.ShouldNotContain("PL-VASTSTELLING-NODIG");  // reads a finding that reads the advice, which reads the application
    }

    [Fact]
    public void A_missing_solver_is_an_error_naming_the_Debian_package()
    {
        var error = Should.Throw<SolverException>(() => SmtSolver.Start(SolverKind.Z3 with { Command = "z3-that-is-not-installed" }));
        error.Message.ShouldContain("apt-get install -y z3");
    }

    // The command line shows a SolverException as an error with exit code 1; wrapped in an AggregateException by the
    // work side by side, it was an unhandled crash (exit 134) of `verify` and `exact-diffs`.
    [Fact]
    public void Verifying_every_version_with_a_missing_solver_fails_with_the_solver_error_itself()
    {
        var options = new VerificationOptions(Events: 2, Solver: SolverKind.Z3 with { Command = "z3-that-is-not-installed" }, SolverProcesses: 2);
        var verifier = new Verifier(RealRules.Library, options);

        var error = Should.Throw<SolverException>(() => verifier.Verify([.. RealRules.Library.Versions.Take(3)], [], builtIns: true));

        error.Message.ShouldContain("apt-get install -y z3");
    }

    [Fact]
    public void Verify_with_a_property_prefix_that_selects_nothing_is_an_error_not_a_clean_run()
    {
        var error = new StringWriter();

        var exit = EligibilityEngine.Cli.CommandLine.Run(["verify", RepositoryPaths.Rules, "--property", "GEEN-SUCH"], new StringWriter(), error);

        exit.ShouldBe(1);
        error.ToString().ShouldContain("--property 'GEEN-SUCH': no property's id starts with it");
    }

    [Fact]
    public void Work_side_by_side_fails_with_the_solver_error_of_the_piece_that_failed()
    {
        // What `exact-diffs` runs its pairs with, and the exact difference its lanes.
        var error = Should.Throw<SolverException>(() => Concurrently.For(4, 2, i =>
        {
            if (i == 3) throw new SolverException("the SMT solver 'z3' stopped");
        }));

        error.Message.ShouldBe("the SMT solver 'z3' stopped");
    }
}
