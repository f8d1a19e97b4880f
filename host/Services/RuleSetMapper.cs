using EligibilityEngine.Compilation;
using EligibilityEngine.RuleSets;
using V1 = EligibilityEngine.Grpc.V1;

namespace EligibilityEngine.Host.Services;

/// <summary>Maps rule-set versions to the contract, so a client can show which law it applies.</summary>
public static class RuleSetMapper
{
    /// <summary>A version in brief; its last day in force follows from the library it belongs to.</summary>
    public static V1.RuleSetSummary Summary(RuleLibrary library, CompiledRuleSet set)
    {
        var v = set.Version;
        return new V1.RuleSetSummary
        {
            RuleSetId = v.RuleSetId, Version = v.Version, Planned = v.Planned, Title = v.Title,
            Summary = RuleText.Normalise(v.Summary), ContentHash = set.Reference.ContentHash, Extends = v.Extends ?? "",
            EffectiveFrom = v.EffectiveFrom?.ToString("yyyy-MM-dd") ?? "", EffectiveUntil = library.InForceUntil(set)?.ToString("yyyy-MM-dd") ?? "",
        };
    }

    public static V1.GetRuleSetResponse Complete(RuleLibrary library, CompiledRuleSet set)
    {
        var v = set.Version;
        var response = new V1.GetRuleSetResponse { Summary = Summary(library, set) };
        response.Sources.Add(v.Sources.Select(s => new V1.LegalSource
        {
            Id = s.Id, Citation = s.Citation, Url = s.Url ?? "", WordingSince = s.WordingSince?.ToString("yyyy-MM-dd") ?? "",
        }));
        response.Parameters.Add(v.Parameters.Select(p => new V1.Parameter
        {
            Name = p.Name, Type = p.Type.ToString().ToLowerInvariant(), SourceId = p.SourceId,
            Description = p.Description is null ? "" : RuleText.Normalise(p.Description), Value = ParameterText.Value(p),
        }));
        response.Outcomes.Add(v.Outcomes.Select(o => new V1.OutcomeDeclaration { Id = o.Id, Title = o.Title, Values = { o.Values }, UndeterminedValue = o.UndeterminedValue }));
        foreach (var r in set.Rules)
        {
            var rule = new V1.Rule
            {
                Id = r.Definition.Id, SourceId = r.Citation.SourceId, Citation = r.Citation.Text, Conclusion = r.Conclusion.Code,
                Condition = r.ConditionText, Stratum = r.Stratum,
            };
            foreach (var (key, template) in r.Explanations) rule.Explanations[key] = template.Text;
            response.Rules.Add(rule);
        }

        return response;
    }
}
