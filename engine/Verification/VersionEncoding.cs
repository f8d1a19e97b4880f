using EligibilityEngine.Compilation;
using EligibilityEngine.Conditions;
using EligibilityEngine.Decisions;
using EligibilityEngine.Facts;
using EligibilityEngine.RuleSets;
using EligibilityEngine.Runtime;
using ValueType = EligibilityEngine.Facts.ValueType;

namespace EligibilityEngine.Verification;

/// <summary>
/// A compiled version written as SMT definitions over one symbolic case, exactly as the engines judge it: every rule in
/// its stratum order; a criterion is its rule's three-valued result; a finding holds when any of its rules is true and is
/// unknown when none is true and one is unknown; an outcome takes the value of the first true rule in file order, unless
/// an earlier rule for another value is unknown (undetermined, -2); no rule true and none unknown is no value (-1).
/// A rule whose condition cannot be encoded faithfully gets a free result and is listed in <see cref="NotVerified"/>.
/// </summary>
public sealed class VersionEncoding : IConclusionTerms
{
    private readonly CompiledRuleSet _set;
    private readonly Sym[] _rules;
    private readonly Dictionary<string, Sym> _criteria = [];
    private readonly Dictionary<string, Sym> _findings = [];
    private readonly Dictionary<string, string> _outcomes = [];
    private readonly Dictionary<string, string> _deciders = [];
    private readonly Dictionary<string, int> _producersSeen = [];

    private VersionEncoding(CompiledRuleSet set, SymbolicCase @case, string names)
    {
        _set = set;
        Case = @case;
        _names = names;
        _rules = new Sym[set.Rules.Length];
        _historyInputs = new(FindHistoryInputs);
    }

    /// <summary>Starts the names of this encoding's terms: the case's prefix, and a tag when two versions judge one case.</summary>
    private readonly string _names;

    public SymbolicCase Case { get; }

    public CompiledRuleSet Set => _set;

    /// <summary>Rules not verified, by id, with the reason.</summary>
    public IReadOnlyDictionary<string, string> NotVerified => _notVerified;

    private readonly Dictionary<string, string> _notVerified = [];

    /// <summary>The year, month and day of every computed date written forward (<see cref="ConditionEncoder.ComputedParts"/>):
    /// asserted by a query whose case is fixed.</summary>
    public IReadOnlyList<string> ComputedParts { get; private set; } = [];

    /// <summary>The rules' reads of the history (<see cref="ConditionEncoder.HistoryReads"/>): two encodings of one version
    /// list them in the same order.</summary>
    public IReadOnlyList<IReadOnlyList<string>> HistoryReads { get; private set; } = [];

    private IReadOnlyList<IReadOnlyList<string>> _partVariables = [];
    private SmtScript? _script;

    /// <summary>The terms every outcome reads the events through, by the script's own definitions: the outcomes are terms
    /// over the case's facts outside its events and these — the <see cref="HistoryReads"/>, then the year, month and day of
    /// computed dates (<see cref="ConditionEncoder.PartVariables"/>, not defined but constrained) an outcome reaches, by
    /// the index of their making. Two encodings of one version (made by the same code from the same rules) of two cases
    /// alike but for their events, whose terms here agree, therefore have the same outcomes. Null when an outcome reaches a
    /// variable of an event, or a constant with neither definition nor a place here (a rule not verified). Read off the
    /// definitions the solver gets.</summary>
    public (IReadOnlyList<IReadOnlyList<string>> Reads, IReadOnlySet<int> Parts)? HistoryInputs => _historyInputs.Value;

    /// <summary>Found once, null included (a null result would be looked for again by <c>??=</c>).</summary>
    private readonly Lazy<(IReadOnlyList<IReadOnlyList<string>>, IReadOnlySet<int>)?> _historyInputs;

    private (IReadOnlyList<IReadOnlyList<string>>, IReadOnlySet<int>)? FindHistoryInputs()
    {
        var slots = Enumerable.Range(0, Case.Events).SelectMany(Case.SlotVariables).ToHashSet(StringComparer.Ordinal);
        var open = Case.Variables().Select(v => v.Name).Where(n => !slots.Contains(n)).Concat(HistoryReads.SelectMany(r => r)).ToHashSet(StringComparer.Ordinal);
        var parts = _partVariables.SelectMany((p, i) => p.Select(v => (v, i))).ToDictionary(x => x.v, x => x.i, StringComparer.Ordinal);
        var reached = new HashSet<int>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(OutcomeTerms);
        while (pending.TryPop(out var name))
        {
            if (open.Contains(name) || !seen.Add(name)) continue;
            if (parts.TryGetValue(name, out var index))
            {
                reached.Add(index);
                continue;
            }

            if (!_script!.Definitions.TryGetValue(name, out var term)) return null;
            foreach (var token in term.Split([' ', '(', ')', '\n'], StringSplitOptions.RemoveEmptyEntries))
                if (_script.Declared.Contains(token)) pending.Push(token);
        }

        return (HistoryReads, reached);
    }

    /// <summary>The year, month and day of the computed date made <paramref name="index"/>th (<see cref="HistoryInputs"/>).</summary>
    public IReadOnlyList<string> PartVariables(int index) => _partVariables[index];

    /// <summary>Whether some rule reads a field of an employee.</summary>
    public bool ReadsEmployeeFields { get; private set; }

    /// <summary>Every table row the rules read for this case is in its table (<see cref="ConditionEncoder.RowsAskedPresent"/>).</summary>
    public string TableRowsPresent { get; private set; } = Smt.True;

    /// <param name="tag">Names this version's terms apart, when another version judges the same case in one script.</param>
    public static VersionEncoding Encode(SmtScript script, CompiledRuleSet set, SymbolicCase @case, TextUniverse texts, string? tag = null)
    {
        var p = tag is null ? @case.Prefix : $"{@case.Prefix}.{tag}";
        var encoding = new VersionEncoding(set, @case, p);
        var encoder = new ConditionEncoder(script, @case, set.Version.Parameters, encoding, texts);
        for (var i = 0; i < set.Rules.Length; i++)
        {
            var rule = set.Rules[i];
            var name = $"{p}.rule.{rule.Definition.Id}";
            Sym result;
            try
            {
                var sym = encoder.Condition(Parser.Parse(rule.Definition.When.Text));
                result = new Sym(script.Define(name + ".k", "Bool", sym.Known), script.Define(name + ".v", "Bool", sym.Value), ValueType.Bool);
            }
            catch (EncodingException ex)
            {
                encoding._notVerified[rule.Definition.Id] = ex.Message;
                result = new Sym(script.Declare(name + ".k", "Bool"), script.Declare(name + ".v", "Bool"), ValueType.Bool);
            }

            encoding._rules[i] = result;
            var target = rule.Definition.Target;
            switch (rule.Kind)
            {
                case ConclusionKind.Criterion:
                    encoding._criteria[target] = result;
                    break;
                case ConclusionKind.Finding:
                    var current = encoding._findings.GetValueOrDefault(target, new Sym(Smt.True, Smt.False, ValueType.Bool));
                    var isTrue = Smt.Or(result.IsTrue, current.IsTrue);
                    var n = encoding._producersSeen[target] = encoding._producersSeen.GetValueOrDefault(target) + 1;
                    var known = script.Define($"{p}.finding.{target}.{n}.k", "Bool", Smt.Or(isTrue, Smt.And(current.Known, result.Known)));
                    encoding._findings[target] = new Sym(known, script.Define($"{p}.finding.{target}.{n}.v", "Bool", isTrue), ValueType.Bool);
                    break;
            }

            foreach (var o in rule.ResolvesOutcomes) encoding.Resolve(script, o);
        }

        encoding.ReadsEmployeeFields = encoder.ReadsEmployeeFields;
        encoding.HistoryReads = encoder.HistoryReads;
        encoding._partVariables = encoder.PartVariables;
        encoding._script = script;
        encoding.ComputedParts = encoder.ComputedParts;
        encoding.TableRowsPresent = Smt.And(encoder.RowsAskedPresent);
        return encoding;
    }

    /// <summary>Conclusions.ResolveOutcome as one term: the first true producer decides unless an earlier producer for
    /// another value is unknown. Beside it, which rule decided (<see cref="Decider"/>).</summary>
    private void Resolve(SmtScript script, int o)
    {
        var (definition, producers, _) = _set.Outcomes[o];
        _outcomes[definition.Id] = script.Define($"{_names}.outcome.{definition.Id}", "Int", Chain(producers, r => _set.Rules[r].ValueIndex));
        _deciders[definition.Id] = script.Define($"{_names}.decider.{definition.Id}", "Int", Chain(producers, r => r));
    }

    /// <summary>The outcome's resolution, giving <paramref name="result"/> of the deciding rule, or undetermined / no value.</summary>
    private string Chain(int[] producers, Func<int, int> result)
    {
        var rules = producers.Select(r => (Sym: _rules[r], Value: _set.Rules[r].ValueIndex, Result: result(r))).ToList();
        var term = Smt.Ite(Smt.Or(rules.Select(r => Smt.Not(r.Sym.Known))), Smt.Int(EvaluationState.Undetermined), Smt.Int(EvaluationState.NoValue));
        for (var i = rules.Count - 1; i >= 0; i--)
        {
            var blocked = Smt.Or(rules.Take(i).Where(r => r.Value != rules[i].Value).Select(r => Smt.Not(r.Sym.Known)));
            term = Smt.Ite(rules[i].Sym.IsTrue, Smt.Ite(blocked, Smt.Int(EvaluationState.Undetermined), Smt.Int(rules[i].Result)), term);
        }

        return term;
    }

    /// <summary>What <see cref="Chain"/> says when the outcome's deciding rule is <paramref name="code"/>, spelled out: the rule
    /// is true, no earlier producer is, and every earlier producer for another value is known; no rule applied: every
    /// producer is false. Implied by the decider's value, so asserting it beside that value changes no answer; the solver
    /// propagates from it at once instead of unfolding the chain. Undetermined (-2) has no such form: true.</summary>
    public string DecidedBy(string outcome, long code)
    {
        var producers = _set.Outcomes.First(o => o.Definition.Id == outcome).Rules;
        if (code == EvaluationState.NoValue) return Smt.And(producers.Select(r => _rules[r].IsFalse));
        if (code < 0) return Smt.True;
        var earlier = producers.TakeWhile(r => r != code).ToList();
        return Smt.And(earlier.Select(r => Smt.Not(_rules[r].IsTrue))
            .Concat(earlier.Where(r => _set.Rules[r].ValueIndex != _set.Rules[(int)code].ValueIndex).Select(r => _rules[r].Known))
            .Prepend(_rules[(int)code].IsTrue));
    }

    /// <summary>Which rule decided the outcome: its index in the version's rules; -2 undetermined, -1 no rule applied.</summary>
    public string Decider(string outcome) => _deciders[outcome];

    public Sym Rule(int index) => _rules[index];

    public Sym? Criterion(string id) => _criteria.TryGetValue(id, out var s) ? s : null;

    public Sym? Finding(string id) => _findings.TryGetValue(id, out var s) ? s : null;

    public (string Term, CodeDomain Domain)? Outcome(string id) =>
        _outcomes.TryGetValue(id, out var term) ? (term, Domain(_set, id)) : null;

    public static CodeDomain Domain(CompiledRuleSet set, string outcome) =>
        new(outcome, set.Outcomes.First(o => o.Definition.Id == outcome).Definition.Values);

    /// <summary>The terms a decision is read from: every outcome, criterion and finding.</summary>
    public IReadOnlyList<string> DecisionTerms() =>
        [.. _outcomes.Values, .. _criteria.Values.SelectMany(c => new[] { c.Known, c.Value }), .. _findings.Values.SelectMany(f => new[] { f.Known, f.Value })];

    /// <summary>The decision in a model, in the engine's words: outcome = value (or onvoldoende_gegevens / geen), criterion
    /// met / not_met / undetermined, and the findings that hold.</summary>
    public IReadOnlyList<string> DecisionIn(IReadOnlyDictionary<string, string> model)
    {
        var lines = new List<string>();
        foreach (var (definition, _, _) in _set.Outcomes)
        {
            var value = SymbolicCase.Int(model[_outcomes[definition.Id]]);
            lines.Add($"outcome {definition.Id} = {value switch { EvaluationState.Undetermined => definition.UndeterminedValue, EvaluationState.NoValue => "geen", _ => definition.Values[(int)value] }}");
        }

        foreach (var (id, c) in _criteria.OrderBy(c => c.Key, StringComparer.Ordinal))
            lines.Add($"criterion {id} = {(model[c.Known] != Smt.True ? "undetermined" : model[c.Value] == Smt.True ? "met" : "not_met")}");
        foreach (var (id, f) in _findings.Where(f => model[f.Value.Known] == Smt.True && model[f.Value.Value] == Smt.True).OrderBy(f => f.Key, StringComparer.Ordinal))
            lines.Add($"finding {id}");
        return lines;
    }

    /// <summary>This case's conclusions equal to an engine's decision: the property is then judged on what the engine decided.</summary>
    public string Is(Decision decision)
    {
        var terms = new List<string>();
        foreach (var o in decision.Outcomes)
        {
            var definition = _set.Outcomes.First(x => x.Definition.Id == o.Id).Definition;
            var value = o.Status switch
            {
                OutcomeStatus.Undetermined => EvaluationState.Undetermined,
                OutcomeStatus.NoRuleApplied => EvaluationState.NoValue,
                _ => definition.Values.ToList().IndexOf(o.Value),
            };
            terms.Add(Smt.Eq(_outcomes[o.Id], Smt.Int(value)));
        }

        foreach (var c in decision.Criteria)
        {
            var sym = _criteria[c.Id];
            terms.Add(c.Status switch { CriterionStatus.Met => sym.IsTrue, CriterionStatus.NotMet => sym.IsFalse, _ => Smt.Not(sym.Known) });
        }

        foreach (var (id, sym) in _findings)
            terms.Add(decision.Findings.Any(f => f.Id == id) ? sym.IsTrue : Smt.Not(sym.IsTrue));
        return Smt.And(terms);
    }

    public IEnumerable<string> OutcomeTerms => _outcomes.Values;

    /// <summary>A decision of an engine in the same words as <see cref="DecisionIn"/>.</summary>
    public static IReadOnlyList<string> DecisionOf(Decision decision) =>
    [
        .. decision.Outcomes.Select(o => $"outcome {o.Id} = {o.Value}"),
        .. decision.Criteria.OrderBy(c => c.Id, StringComparer.Ordinal).Select(c => $"criterion {c.Id} = {c.Status switch { CriterionStatus.Met => "met", CriterionStatus.NotMet => "not_met", _ => "undetermined" }}"),
        .. decision.Findings.Select(f => f.Id).Order(StringComparer.Ordinal).Select(f => $"finding {f}"),
    ];
}
