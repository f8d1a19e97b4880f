using EligibilityEngine.Review;
using EligibilityEngine.Tests.Support;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EligibilityEngine.Tests.Review;

/// <summary>The semantic diff on the real versions in rules/: what a legal team reviews before a change goes live.</summary>
public sealed class RuleSetDiffTests : IDisposable
{
    private readonly TempRuleSet _copy = new();

    public RuleSetDiffTests() => RepositoryCopy.Rules(_copy.Path);

    public void Dispose() => _copy.Dispose();

    private static VersionDiff Diff(string from, string to) =>
        RuleSetDiff.Compare(RealRules.Library.Resolve(from), RealRules.Library.Resolve(to));

    [Fact]
    public void The_2017_version_adds_the_duty_up_to_the_quota_and_the_citizens_own_application()
    {
        var diff = Diff("2015-01-01", "2017-01-01");

        diff.Rules.Where(r => r.Kind == ChangeKind.Added).Select(r => r.Id).ShouldBe(
            ["ONT-PERSOON-BUITEN-PERSONENKRING", "ONT-VERZOEK-COLLEGE", "ONT-VANAF-2017", "ONT-PERSOON",
                "LEV-F-DOELGROEPREGISTER", "PL-VASTSTELLING-NODIG", "PL-VASTSTELLING-NODIG-VERORDENING", "PL-PLICHT",
                "PL-PLICHT-VERORDENING", "PL-QUOTUM-BEREIKT", "PL-F-ANDER-AANBOD-COLLEGE", "PL-F-ANDER-AANBOD-UWV-UITKERING"]);
        diff.Rules.Where(r => r.Kind == ChangeKind.Removed).Select(r => r.Id).ShouldBe(["PL-2015-AOW-NA-VASTSTELLING", "PL-2015-DIENSTBETREKKING", "PL-2015-GEEN-PLICHT",
            "PL-F-VASTGESTELD-BUITEN-PERSONENKRING", "PL-F-VASTGESTELD-PERSONENKRING-ONBEKEND"], ignoreOrder: true);
        var duty = diff.Rules.Single(r => r.Id == "PL-PLICHT");
        duty.Citation.ShouldBe("Participatiewet art. 10b lid 4 en lid 6 (Stb. 2016, 519)");
        duty.Fields.Single(f => f.Field == "when").ShouldBe(new FieldChange("when", null,
            "finding.vastgesteld_doelgroep and count(employees) < first_known(municipality.quota, param.quota[municipality.code, year(case.as_of)])"));
        diff.Parameters.Single(p => p.Id == "quota").Kind.ShouldBe(ChangeKind.Added);
        diff.Parameters.Single(p => p.Id == "quota").Fields.ShouldContain(f => f.Field == "row GM0014|2018" && f.After!.StartsWith("70 ("));
        // The own application was inadmissible before 2017 and is admissible from then on: the 2015 rule's condition changed.
        diff.Rules.Single(r => r.Id == "ONT-2015-PERSOON").Fields.Select(f => f.Field).ShouldBe(["source", "when", "explain.fired"]);
        diff.Sources.Single(s => s.Id == "pw-10b").Fields.Single(f => f.Field == "citation")
            .ShouldBe(new FieldChange("citation", "Participatiewet art. 10b lid 1–3 (tekst 2015)", "Participatiewet art. 10b (Stb. 2016, 519)"));
    }

    [Fact]
    public void Simpel_switchen_adds_the_return_without_reassessment_and_drops_the_loss_of_advice_on_conversion()
    {
        var diff = Diff("2026-01-01", "planned-simpel-switchen");

        var restoration = diff.Rules.Single(r => r.Id == "ADV-TERUGKEER-ZONDER-BEOORDELING");
        restoration.Kind.ShouldBe(ChangeKind.Added);
        restoration.Fields.Single(f => f.Field == "when").After.ShouldBe("finding.advies_behouden and not application.new_facts_stated");
        restoration.Fields.Single(f => f.Field == "then").After.ShouldBe("outcome advies = positief (reden: advies_behouden)");
        diff.Rules.Single(r => r.Id == "LEV-F-GELDIG-POSITIEF").Fields.Single(f => f.Field == "when").ShouldBe(new FieldChange("when",
            "outcome.advies = 'positief' or finding.laatste_advies_positief and not finding.advies_omgezet and not finding.advies_beantwoord_door_negatieve_vaststelling and not finding.nieuwe_aanvraag_na_intrekking or finding.vastgesteld_doelgroep",
            "outcome.advies = 'positief' or finding.laatste_advies_positief and not finding.advies_beantwoord_door_negatieve_vaststelling and not finding.nieuwe_aanvraag_na_intrekking or finding.vastgesteld_doelgroep"));
        diff.Rules.Where(r => r.Kind == ChangeKind.Removed).Select(r => r.Id).ShouldContain("LEV-TERUGVAL");
        diff.Parameters.ShouldBeEmpty();
    }

    [Fact]
    public void A_change_of_one_quota_row_shows_only_that_row()
    {
        var quota = Path.Combine(_copy.Path, "quota", "2018.yaml");
        File.WriteAllText(quota, ReplaceOnce(File.ReadAllText(quota), "GM0014: 70", "GM0014: 71"));

        var diff = RuleSetDiff.Compare(RealRules.Library.Resolve("2017-01-01"), RuleLibrary.LoadFile(Path.Combine(_copy.Path, "2017-01-01.yaml")));

        diff.Rules.ShouldBeEmpty();
        diff.Outcomes.ShouldBeEmpty();
        diff.Sources.ShouldBeEmpty();
        var change = diff.Parameters.ShouldHaveSingleItem();
        change.Id.ShouldBe("quota");
        var row = change.Fields.ShouldHaveSingleItem();
        row.Field.ShouldBe("row GM0014|2018");
        row.Before!.ShouldStartWith("70 (");
        row.After!.ShouldStartWith("71 (");
        // Only the number is marked: the row's source did not change.
        DiffMarkdown.Render(diff).ShouldContain("- **Rij GM0014 / 2018**\n  - was: ~~70~~ (");
        DiffMarkdown.Render(diff).ShouldContain("\n  - wordt: **71** (");
    }

    [Fact]
    public void Reformatting_a_version_file_and_reordering_its_keys_gives_an_empty_diff()
    {
        var file = Path.Combine(_copy.Path, "2017-01-01.yaml");
        var original = File.ReadAllText(file);
        File.WriteAllText(file, Reformatted(original));

        var diff = RuleSetDiff.Compare(RealRules.Library.Resolve("2017-01-01"), RuleLibrary.LoadFile(file));

        File.ReadAllText(file).ShouldNotBe(original);
        diff.IsEmpty.ShouldBeTrue();
        diff.To.ContentHash.ShouldBe(diff.From.ContentHash);
        DiffMarkdown.Render(diff).ShouldContain("**Geen inhoudelijke wijzigingen.**");
    }

    [Fact]
    public void A_changed_condition_in_a_reformatted_file_is_the_only_change()
    {
        var file = Path.Combine(_copy.Path, "2017-02-25.yaml");
        var changed = ReplaceOnce(File.ReadAllText(file), "-param.reapplication_months)", "-(param.reapplication_months + 1))");
        File.WriteAllText(file, Reformatted(changed));

        var diff = RuleSetDiff.Compare(RealRules.Library.Resolve("2017-02-25"), RuleLibrary.LoadFile(file));

        var rule = diff.Rules.ShouldHaveSingleItem();
        rule.Kind.ShouldBe(ChangeKind.Changed);
        rule.Fields.ShouldHaveSingleItem().Field.ShouldBe("when");
        rule.Fields[0].After!.ShouldContain("-(param.reapplication_months + 1)");
        diff.Parameters.ShouldBeEmpty();
    }

    [Fact]
    public void The_markdown_names_each_rule_with_its_citation_and_the_new_parameter_value()
    {
        var markdown = DiffMarkdown.Render(Diff("2026-01-01", "planned-2028-forfaitaire-lks"));

        markdown.ShouldContain("# Wijzigingen beschut-werk: 2026-01-01 → planned-2028-forfaitaire-lks");
        markdown.ShouldContain("### Toegevoegd: `LKS-FORFAITAIR`\n\n*Kamerbrief 2 juli 2025, Kamerstukken II 2024/25, 34 352, nr. 341*");
        markdown.ShouldContain("### Verwijderd: `LKS-LOONWAARDE`");
        markdown.ShouldContain("### Toegevoegd: `fixed_wage_cost_subsidy`");
        markdown.ShouldContain("- **Waarde:** 68%");
        markdown.ShouldContain("  - was: `LKS-NIET-VAN-TOEPASSING,` ~~`LKS-EERSTE-ZES-MAANDEN, LKS-LOONWAARDE`~~\n  - wordt: `LKS-NIET-VAN-TOEPASSING,` **`LKS-FORFAITAIR`**");
    }

    [Fact]
    public void The_markdown_strikes_the_words_a_condition_loses_and_bolds_the_words_an_explanation_gains()
    {
        var markdown = DiffMarkdown.Render(Diff("2026-01-01", "planned-simpel-switchen"));

        markdown.ShouldContain("Gewijzigde woorden: ~~doorgehaald~~ vervalt, **vet** komt erbij.");
        // Code stays code, a span per run of words, so the marks cannot be mistaken for the rule language.
        markdown.ShouldContain("- **Voorwaarde**\n" +
            "  - was: `outcome.advies = 'positief' or finding.laatste_advies_positief and not` ~~`finding.advies_omgezet and not`~~ `finding.advies_beantwoord_door_negatieve_vaststelling and not finding.nieuwe_aanvraag_na_intrekking or finding.vastgesteld_doelgroep`\n" +
            "  - wordt: `outcome.advies = 'positief' or finding.laatste_advies_positief and not` `finding.advies_beantwoord_door_negatieve_vaststelling and not finding.nieuwe_aanvraag_na_intrekking or finding.vastgesteld_doelgroep`\n");
        // An explanation is prose: no code marks, the changed words marked.
        markdown.ShouldContain("- **Uitleg**\n  - was: Betrokkene heeft een geldig positief advies beschut ~~werk.~~\n" +
            "  - wordt: Betrokkene heeft een geldig positief advies beschut **werk (onder Simpel switchen ook na een overstap).**\n");
    }

    private static string ReplaceOnce(string text, string from, string to)
    {
        var at = text.IndexOf(from, StringComparison.Ordinal);
        at.ShouldBeGreaterThanOrEqualTo(0, $"'{from}' not found");
        return string.Concat(text.AsSpan(0, at), to, text.AsSpan(at + from.Length));
    }

    /// <summary>The same YAML written differently: keys of every mapping in reverse order, every value quoted,
    /// comments dropped, YamlDotNet's own indentation.</summary>
    private static string Reformatted(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = Reverse(stream.Documents[0].RootNode);
        var writer = new StringWriter();
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    private static YamlNode Reverse(YamlNode node) => node switch
    {
        YamlMappingNode map => new YamlMappingNode(map.Children.Reverse().Select(kv => KeyValuePair.Create(kv.Key, Reverse(kv.Value)))),
        YamlSequenceNode list => new YamlSequenceNode(list.Children.Select(Reverse)),
        YamlScalarNode { Value: { Length: > 0 } value } => new YamlScalarNode(value) { Style = ScalarStyle.DoubleQuoted },
        _ => node,
    };
}
