using EligibilityEngine.Audit;
using EligibilityEngine.Cli;
using EligibilityEngine.Tests.Support;
using Microsoft.Data.Sqlite;

namespace EligibilityEngine.Tests.Audit;

/// <summary>`eligibility evaluate --record` and `eligibility audit show|list|replay`, as an auditor runs them.</summary>
public sealed class AuditCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ee-audit-cli-").FullName;

    private string Store => Path.Combine(_folder, "decisions.db");

    private static string Sample(string name) => Path.Combine(RepositoryPaths.Samples, name);

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CommandLine.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private Guid Evaluate(string sample, params string[] more)
    {
        var (exit, output, error) = Run(["evaluate", Sample(sample), "--record", "--store", Store, "--rules", RepositoryPaths.Rules, .. more]);
        exit.ShouldBe(0, error);
        var line = output.Split('\n').Single(l => l.StartsWith("Vastgelegd als beslissing ", StringComparison.Ordinal));
        return Guid.Parse(line["Vastgelegd als beslissing ".Length..].Trim());
    }

    /// <summary>The content hash of the rules the samples are judged by: recorded, and looked for on replay.</summary>
    private static string HashOf2018 => RealRules.Library.Resolve("2018-01-01").Reference.ContentHash;

    [Fact]
    public void A_bad_value_for_a_nested_command_points_to_that_commands_help_by_its_full_name()
    {
        var (exit, _, error) = Run("audit", "verify", "--from", "x", "--store", Store);
        exit.ShouldBe(2);
        error.ShouldContain("--from takes a position in the chain (a whole number from 1), not 'x'");
        error.ShouldContain("run 'eligibility audit verify --help' for usage");
        // A command of the first level keeps its one name.
        Run("show", "--rules", RepositoryPaths.Rules).Error.ShouldContain("run 'eligibility show --help' for usage");
    }

    [Fact]
    public void A_recorded_decision_is_shown_with_rules_hash_engine_outcomes_and_criteria()
    {
        var id = Evaluate("positief-advies.yaml", "--processing-activity", "vwr-0042");
        var (exit, output, _) = Run("audit", "show", id.ToString(), "--store", Store);
        exit.ShouldBe(0);
        output.ShouldContain($"Beslissing {id}");
        output.ShouldContain("Peildatum: 2018-03-01");
        output.ShouldContain($"Regelset: beschut-werk 2018-01-01, sha256 {HashOf2018[..12]}");
        output.ShouldContain("Rekenregels uitgevoerd met: NRules 1.0.4");
        output.ShouldContain("advies = positief (besloten) — ADV-POSITIEF, Besluit advisering beschut werk art. 3 lid 2");
        output.ShouldContain("✗ aanpassingen — ADV-C-AANPASSINGEN");
        output.ShouldContain("verwerkingsactiviteit vwr-0042");
        Run("audit", "show", Guid.CreateVersion7().ToString(), "--store", Store).Exit.ShouldBe(1);
    }

    [Fact]
    public void A_list_finds_a_persons_decisions_by_the_same_keyed_pseudonym_and_filters_on_outcome()
    {
        var keyFile = Path.Combine(_folder, "subject.key");
        File.WriteAllText(keyFile, Convert.ToBase64String(AuditSamples.Key));
        var hers = Evaluate("positief-advies.yaml", "--subject", "999990019", "--subject-type", "BSN", "--subject-key-file", keyFile);
        var other = Evaluate("negatief-geen-arbeidsvermogen.yaml");

        var (_, all, _) = Run("audit", "list", "--store", Store);
        all.ShouldContain(hers.ToString());
        all.ShouldContain(other.ToString());
        all.ShouldContain("2 beslissing(en)");
        var (exit, mine, _) = Run("audit", "list", "--store", Store, "--subject", "999990019", "--subject-key-file", keyFile);
        exit.ShouldBe(0);
        mine.ShouldContain(hers.ToString());
        mine.ShouldNotContain(other.ToString());
        Run("audit", "list", "--store", Store, "--outcome", "advies=negatief").Output.ShouldContain(other.ToString());
        Run("audit", "list", "--store", Store, "--outcome", "advies=negatief").Output.ShouldNotContain(hers.ToString());
        Run("audit", "list", "--store", Store, "--subject", "999990019").Exit.ShouldBe(2); // no key, no search
    }

    [Fact]
    public void Replay_with_the_kept_case_file_proves_the_decision_identical()
    {
        var id = Evaluate("omzetting-en-terugval.yaml");
        var (exit, output, error) = Run("audit", "replay", id.ToString(), "--case", Sample("omzetting-en-terugval.yaml"), "--store", Store, "--rules", RepositoryPaths.Rules);
        exit.ShouldBe(0, error);
        output.ShouldContain("Invoer: dezelfde feiten als vastgelegd");
        output.ShouldContain("Uitkomst: identiek.");
    }

    [Fact]
    public void Replay_with_other_facts_says_the_input_differs_and_exits_1()
    {
        var id = Evaluate("positief-advies.yaml");
        var (exit, output, _) = Run("audit", "replay", id.ToString(), "--case", Sample("verhuizing.yaml"), "--store", Store, "--rules", RepositoryPaths.Rules);
        exit.ShouldBe(1);
        output.ShouldContain("Invoer: ANDERE feiten dan vastgelegd");
        output.ShouldContain("Uitkomst: NIET identiek.");
    }

    [Fact]
    public async Task Replay_of_a_record_that_says_otherwise_than_the_law_names_exactly_what_differs()
    {
        // A record as a faulty engine would have written it: the same case, the advice recorded as negative.
        var true_ = AuditSamples.Record("positief-advies.yaml", DateTimeOffset.UtcNow);
        var outcomes = true_.Decision.Outcomes.Select(o => o.Id == "advies" ? o with { Value = "negatief" } : o).ToList();
        var faulty = true_ with { Decision = true_.Decision with { Outcomes = outcomes } };
        await using (var store = await SqliteDecisionStore.OpenAsync(Store)) await store.AppendAsync([faulty]);

        var (exit, output, _) = Run("audit", "replay", faulty.DecisionId.ToString(), "--case", Sample("positief-advies.yaml"), "--store", Store, "--rules", RepositoryPaths.Rules);
        exit.ShouldBe(1);
        output.ShouldContain("Invoer: dezelfde feiten als vastgelegd");
        output.ShouldContain("Beslissing: 1 verschil(len) met de vastgelegde:");
        output.ShouldContain("outcomes[1].value: vastgelegd \"negatief\", nu \"positief\"");
    }

    [Fact]
    public void Replay_under_rules_without_the_recorded_version_says_which_hash_it_needs()
    {
        var id = Evaluate("positief-advies.yaml");
        var rules = Path.Combine(_folder, "rules");
        RepositoryCopy.Rules(rules);
        var file = Path.Combine(rules, "2018-01-01.yaml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("title: Artikel 10b", "title: Gewijzigd artikel 10b"));
        var (exit, _, error) = Run("audit", "replay", id.ToString(), "--case", Sample("positief-advies.yaml"), "--store", Store, "--rules", rules);
        exit.ShouldBe(1);
        error.ShouldContain($"have no version with sha256 {HashOf2018[..16]}");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
