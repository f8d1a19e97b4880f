using EligibilityEngine.Audit;
using EligibilityEngine.Cases;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Audit;

/// <summary>The input hash a record keeps: the same for the same facts however written, different for any other fact,
/// and stable across releases, so that records made today can be replayed by later versions of the product.</summary>
public sealed class CaseInputHashTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ee-hash-").FullName;

    private static CaseFile Sample => CaseReader.ReadFile(Path.Combine(RepositoryPaths.Samples, "positief-advies.yaml"));

    private string Hash(string yaml)
    {
        var path = Path.Combine(_folder, Guid.NewGuid() + ".yaml");
        File.WriteAllText(path, yaml);
        var file = CaseReader.ReadFile(path);
        return CaseInputHash.Compute(file.Case, file.AsOf!.Value);
    }

    [Fact]
    public void The_canonical_form_of_a_sample_is_pinned_so_recorded_hashes_stay_reproducible()
    {
        // Changing the canonical form (CaseYamlWriter) makes every record made before it fail its replay: such a change
        // needs a canonical-form version in the record, not a new value here. The sample states a fact added since
        // (person.can_follow_funded_education); without it, the same facts as then give the same hash as then.
        var factsAsPinned = Sample.Case with { Person = Sample.Case.Person with { CanFollowFundedEducation = null } };
        CaseInputHash.Compute(factsAsPinned, Sample.AsOf!.Value).ShouldBe("19adcad24f17d62b05d09388092856705f80744fa7606cd0064821496cb9e612");
    }

    [Fact]
    public void The_hash_taken_while_writing_is_the_hash_of_the_canonical_text_for_every_sample_and_rule_test_case()
    {
        // Records hold the SHA-256 of the canonical text; the host hashes it as it is written, without the text. Every
        // sample and every rule test's case, with and without facts stored (which hashes the text itself), must agree.
        var cases = CaseCorpus.Load(RepositoryPaths.Samples).Concat(CaseCorpus.Load(RepositoryPaths.RuleTests)).ToList();
        cases.Count.ShouldBeGreaterThan(100);
        foreach (var named in cases)
        {
            var asOf = named.AsOf ?? new DateOnly(2026, 1, 1);
            var text = CaseYamlWriter.Write(named.Case with { CaseId = null }, asOf);
            var ofText = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
            CaseInputHash.Compute(named.Case, asOf).ShouldBe(ofText, named.Name);
            CaseInputHash.Of(CaseInputHash.Canonical(named.Case, asOf)).ShouldBe(ofText, named.Name);
        }
    }

    [Fact]
    public void Text_outside_ascii_is_hashed_as_its_utf8_bytes_however_the_writer_splits_it()
    {
        // A municipality code is free text to the writer: an accent, a character outside the BMP (a surrogate pair) and a
        // text longer than the hashing buffer (1,024 bytes) are hashed as the UTF-8 of the whole text.
        var file = CaseReader.ReadText("as_of: 2018-03-01\nperson: { has_work_capacity: true }\n", "casus.yaml");
        foreach (var code in new[] { "GM0014é", "GM\U0001F600", new string('ë', 700) + "\U0001F600" + new string('x', 1500) })
        {
            var @case = file.Case with { Municipality = file.Case.Municipality with { Code = code } };
            var text = CaseInputHash.Canonical(@case, file.AsOf!.Value);
            text.ShouldContain(code);
            CaseInputHash.Compute(@case, file.AsOf!.Value)
                .ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))));
        }
    }

    [Fact]
    public void The_same_facts_in_another_order_layout_and_case_id_give_the_same_hash_and_any_other_fact_another()
    {
        const string facts = """
            as_of: 2018-03-01
            person: { date_of_birth: 1994-05-17, has_work_capacity: true }
            municipality:
              code: GM0014
              employees: [ { count: 3, hours_per_week: 25 }, { hours_per_week: 25 } ]
            """;
        const string reordered = """
            # the same case, written otherwise
            case_id: dossier-17
            municipality:
              employees:
                - { hours_per_week: 25 }
                - { hours_per_week: 25 }
                - { hours_per_week: 25.0 }
                - { hours_per_week: 25 }
              code: GM0014
            person:
              has_work_capacity: true
              date_of_birth: 1994-05-17
            as_of: 2018-03-01
            """;
        Hash(reordered).ShouldBe(Hash(facts));
        Hash(facts.Replace("1994-05-17", "1994-05-18")).ShouldNotBe(Hash(facts));
        Hash(facts.Replace("count: 3", "count: 2")).ShouldNotBe(Hash(facts));
        Hash(facts.Replace("as_of: 2018-03-01", "as_of: 2018-03-02")).ShouldNotBe(Hash(facts));
    }

    [Fact]
    public void A_number_with_or_without_trailing_zeros_gives_the_same_hash()
    {
        const string facts = """
            as_of: 2018-03-01
            person: { wage_value_percent: 35 }
            municipality: { employees: [ { hours_per_week: 1 } ] }
            """;

        Hash(facts.Replace("35", "35.000").Replace("hours_per_week: 1 ", "hours_per_week: 1.000 ")).ShouldBe(Hash(facts));
        Hash(facts.Replace("35", "'35,0'")).ShouldBe(Hash(facts));
        Hash(facts.Replace("35", "35.5")).ShouldNotBe(Hash(facts));
    }

    [Fact]
    public void A_record_made_when_trailing_zeros_were_hashed_still_replays_as_the_same_input()
    {
        var file = CaseReader.ReadText("""
            as_of: 2018-03-01
            person: { has_work_capacity: true, wage_value_percent: 35.0 }
            """, "casus.yaml");
        // What the writer hashed before issue #22: the number as it was sent.
        var canonicalThen = CaseInputHash.Canonical(file.Case, file.AsOf!.Value).Replace("wage_value_percent: 35", "wage_value_percent: 35.0");
        var hashThen = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonicalThen)));
        var decision = AuditSamples.Evaluate(file);
        var record = AuditSamples.Record("positief-advies.yaml", DateTimeOffset.UtcNow) with { InputHash = hashThen, Decision = RecordedDecision.Of(decision) };

        DecisionReplay.Compare(record, file.Case, decision).InputMatches.ShouldBeTrue();
        DecisionReplay.Compare(record, file.Case with { Person = file.Case.Person with { WageValuePercent = 36 } }, decision).InputMatches.ShouldBeFalse();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
