using System.Globalization;
using EligibilityEngine.Cases;
using EligibilityEngine.Compilation;
using EligibilityEngine.Decisions;
using EligibilityEngine.Evaluation;
using EligibilityEngine.Facts;
using EligibilityEngine.Testing;

namespace EligibilityEngine.Benchmarks;

/// <summary>
/// Whether the hand-written baseline (<see cref="HandWrittenBeschutWerk"/>) still decides what the rules decide: a ratio
/// to code that implements fewer or other rules than the engine runs means nothing. The benchmarks check the case they
/// time before they time it; <c>baseline-check N</c> compares the two on N generated cases, each judged on a date in the
/// period of the version the baseline writes out.
/// </summary>
public static class BaselineFidelity
{
    /// <summary>The case every ratio is measured on, the peildatum, and the version then in force.</summary>
    public static readonly DateOnly AsOf = new(2017, 6, 1);

    public static Case BenchmarkCase() => CaseReader.ReadFile(Path.Combine(Paths.Root, "samples", "cases", "omzetting-en-terugval.yaml")).Case;

    /// <summary>The version's numbers of the Regeling vaststelling aantallen beschut werk, as the baseline takes them.</summary>
    public static Dictionary<(string, int), int> Quota(CompiledRuleSet set)
    {
        var table = set.Version.Parameters.Single(p => p.Name == "quota").Table!;
        return table.Rows().ToDictionary(r => (r.Key[0], int.Parse(r.Key[1], CultureInfo.InvariantCulture)), r => (int)r.Value);
    }

    /// <summary>The five outcome values the baseline gives, as the engine gives them.</summary>
    public static HandWrittenBeschutWerk.Result Engine(CompiledRuleSet set, Case @case, DateOnly asOf)
    {
        var decision = CompiledEngine.Instance.Evaluate(set, @case, asOf, EvaluationOptions.Minimal);
        return new HandWrittenBeschutWerk.Result(decision.Outcome("advies").Value, decision.Outcome("ontvankelijkheid").Value,
            decision.Outcome("gemeentelijke_plicht").Value, decision.Outcome("levensloop").Value, decision.Outcome("loonkostensubsidie").Value);
    }

    /// <exception cref="InvalidOperationException">The baseline decides the case otherwise than the engine.</exception>
    public static void RequireSame(CompiledRuleSet set, Case @case, DateOnly asOf)
    {
        var hand = HandWrittenBeschutWerk.Evaluate(@case, asOf, Quota(set));
        var engine = Engine(set, @case, asOf);
        if (hand != engine)
            throw new InvalidOperationException($"the hand-written baseline decides {hand}, the engine {engine}: bring the baseline up to the rules, or the ratio means nothing");
    }

    /// <summary>Compares the two on <paramref name="count"/> generated cases; prints the differences per outcome and the
    /// first few cases that differ. Exit code 1 when any differs.</summary>
    public static int Run(int count)
    {
        var library = RuleLibrary.Load(Path.Combine(Paths.Root, "rules", "beschut-werk"), CompileMode.Interpreted, EngineKind.Compiled);
        var set = library.Select(AsOf);
        var from = set.Version.EffectiveFrom!.Value;
        var until = library.InForceUntil(set)!.Value;
        var quota = Quota(set);
        var generator = CaseGenerator.For(library);
        var differing = new Dictionary<string, int>();
        var shown = 0;
        for (var i = 0; i < count; i++)
        {
            var generated = CaseGenerator.Draw(generator, i, CaseGenerator.DefaultSeed);
            // Every case on a date of the baseline's version, spread over its period.
            var asOf = DateOnly.FromDayNumber(from.DayNumber + (int)((long)(until.DayNumber - from.DayNumber + 1) * i / count));
            var hand = HandWrittenBeschutWerk.Evaluate(generated.Case, asOf, quota);
            var engine = Engine(set, generated.Case, asOf);
            if (hand == engine) continue;
            foreach (var (name, h, e) in new[] { ("advies", hand.Advies, engine.Advies), ("ontvankelijkheid", hand.Ontvankelijkheid, engine.Ontvankelijkheid),
                         ("gemeentelijke_plicht", hand.Plicht, engine.Plicht), ("levensloop", hand.Levensloop, engine.Levensloop),
                         ("loonkostensubsidie", hand.Loonkostensubsidie, engine.Loonkostensubsidie) })
                if (h != e) differing[name] = differing.GetValueOrDefault(name) + 1;
            if (shown++ < 3)
                Console.WriteLine($"case {i} on {asOf:yyyy-MM-dd}: hand-written {hand}\n  engine {engine}\n{CaseYamlWriter.Write(generated.Case, asOf)}");
        }

        Console.WriteLine($"version {set.Version.Version}, {count} generated cases on dates from {from:yyyy-MM-dd} to {until:yyyy-MM-dd}: {shown} decided otherwise by the baseline" +
                          string.Concat(differing.Select(d => $"; {d.Key} {d.Value}")));
        return shown == 0 ? 0 : 1;
    }
}
