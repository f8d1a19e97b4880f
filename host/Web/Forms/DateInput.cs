namespace EligibilityEngine.Host.Web.Forms;

/// <summary>A date the page itself asks (the peildatum), not a fact of the case.</summary>
public sealed record DateInput(string Name, string Label, string Value, string? Error)
{
    public string Id => CaseForm.Id(Name);
}
