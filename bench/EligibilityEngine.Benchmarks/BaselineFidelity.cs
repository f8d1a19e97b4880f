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
    /// <summary>The peildatum of the case every ratio is measured on; version 2017-02-25 is then in force, the one the
    /// baseline writes out.</summary>
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

    /// <summary>Checks the case as it is timed: with the quota table the baseline is timed with.</summary>
    /// <exception cref="InvalidOperationException">The baseline decides the case otherwise than the engine.</exception>
    public static void RequireSame(CompiledRuleSet set, Case @case, DateOnly asOf, IReadOnlyDictionary<(string, int), int> quota)
    {
        var hand = HandWrittenBeschutWerk.Evaluate(@case, asOf, quota);
        var engine = Engine(set, @case, asOf);
        if (hand != engine)
            throw new InvalidOperationException($"the hand-written baseline decides {hand}, the engine {engine}: bring the baseline up to the rules, or the ratio means nothing");
    }

    /// <summary>Compares the two on <paramref name="count"/> generated cases; prints the differences per outcome and the
    /// first few cases that differ. Exit code 1 when any differs. Every other case has its history and application moved
    /// into the three years before its peildatum: the generator spreads dates from 2013 to 2031, so most of its cases
    /// have no advice and no application yet on a date of 2017, and the rules about a history (a repeated request, a
    /// revoked determination, the way back after a banenafspraak job) would decide almost none; half of those also
    /// have a history of the procedure's own events (<see cref="Procedure"/>).</summary>
    public static int Run(int count)
    {
        // Interpreted: the same decisions as JIT-compiled code (a test checks it), without compiling every rule first.
        var library = RuleLibrary.Load(Path.Combine(Paths.Root, "rules", "beschut-werk"), CompileMode.Interpreted, EngineKind.Compiled);
        var set = library.Select(AsOf);
        var from = set.Version.EffectiveFrom!.Value;
        var until = library.InForceUntil(set)!.Value;
        var quota = Quota(set);
        var generator = CaseGenerator.For(library);
        var differingOutcomes = new Dictionary<string, int>();
        var differingCases = 0;
        for (var i = 0; i < count; i++)
        {
            // Every case on a date of the baseline's version, spread over its period.
            var asOf = DateOnly.FromDayNumber(from.DayNumber + (int)((long)(until.DayNumber - from.DayNumber + 1) * i / count));
            var generated = CaseGenerator.Draw(generator, i, CaseGenerator.DefaultSeed).Case;
            var @case = (i % 4) switch { 0 or 2 => generated, 1 => HistoryBefore(generated, asOf), _ => Procedure(HistoryBefore(generated, asOf)) };
            var hand = HandWrittenBeschutWerk.Evaluate(@case, asOf, quota);
            var engine = Engine(set, @case, asOf);
            if (hand == engine) continue;
            foreach (var (name, h, e) in new[] { ("advies", hand.Advies, engine.Advies), ("ontvankelijkheid", hand.Ontvankelijkheid, engine.Ontvankelijkheid),
                         ("gemeentelijke_plicht", hand.Plicht, engine.Plicht), ("levensloop", hand.Levensloop, engine.Levensloop),
                         ("loonkostensubsidie", hand.Loonkostensubsidie, engine.Loonkostensubsidie) })
                if (h != e) differingOutcomes[name] = differingOutcomes.GetValueOrDefault(name) + 1;
            if (differingCases++ < 3)
                Console.WriteLine($"case {i} on {asOf:yyyy-MM-dd}: hand-written {hand}\n  engine {engine}\n{CaseYamlWriter.Write(@case, asOf)}");
        }

        Console.WriteLine($"version {set.Version.Version}, {count} generated cases on dates from {from:yyyy-MM-dd} to {until:yyyy-MM-dd} " +
                          $"(every other one with its history in the three years before): {differingCases} decided otherwise by the baseline" +
                          string.Concat(differingOutcomes.Select(d => $"; {d.Key} {d.Value}")));
        return differingCases == 0 ? 0 : 1;
    }

    /// <summary>The case with its placements, departures, lost work capacity and moves turned into determinations and
    /// revocations, and banenafspraak applications into advices: the events the rules about a revoked or renewed
    /// determination read, several to a case.</summary>
    private static Case Procedure(Case @case) => @case with
    {
        Events = @case.Events.Select(e => e with
        {
            Type = e.Type switch
            {
                EventType.Placed or EventType.WorkCapacityLost => EventType.Determined,
                EventType.Left or EventType.Moved => EventType.Revoked,
                EventType.BanenafspraakIndicationApplied => EventType.AdviceIssued,
                var type => type,
            },
        }).ToList(),
    };

    /// <summary>The case with the dates of its events and application mapped, in order, from the generator's period onto
    /// the three years before the peildatum and forty days after it (so that some still fall after it). Distinct dates
    /// may become one, which tests the rules about events on the same day.</summary>
    private static Case HistoryBefore(Case @case, DateOnly asOf)
    {
        var first = CaseGenerator.First.DayNumber;
        var span = CaseGenerator.Last.DayNumber - first;
        var start = asOf.AddYears(-3).DayNumber;
        var length = asOf.AddDays(40).DayNumber - start;
        DateOnly Near(DateOnly date) => DateOnly.FromDayNumber(start + (int)((long)(Math.Clamp(date.DayNumber, first, first + span) - first) * length / span));
        return @case with
        {
            Application = @case.Application with { Date = @case.Application.Date is { } d ? Near(d) : null },
            Events = @case.Events.Select(e => e with { Date = Near(e.Date) }).ToList(),
        };
    }
}
