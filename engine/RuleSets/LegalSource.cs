using EligibilityEngine.Diagnostics;

namespace EligibilityEngine.RuleSets;

/// <summary>A legal source a rule cites (bron): a law article and lid, a Besluit article, or a parliamentary letter.</summary>
/// <param name="Citation">How users see it cited, e.g. "Participatiewet art. 10b lid 1".</param>
/// <param name="WordingSince">Where known, the date the cited wording took effect.</param>
public sealed record LegalSource(string Id, string Citation, string? Url, DateOnly? WordingSince, SourcePosition Position);
