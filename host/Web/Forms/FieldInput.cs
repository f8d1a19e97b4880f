namespace EligibilityEngine.Host.Web.Forms;

/// <summary>One field of the form as it is rendered: its name in the form, what it asks, and the form's state.</summary>
public sealed record FieldInput(string Name, CaseFormField Field, CaseForm Form)
{
    public string Id => CaseForm.Id(Name);

    public string Value => Form.Value(Name);

    /// <summary>A detail of a history event or an employee line, where an empty field is unknown.</summary>
    public bool InRow => Name.Contains('[', StringComparison.Ordinal);

    public string? Error => Form.Errors.GetValueOrDefault(Name);

    /// <summary>For a detail of an event: the kinds of event it belongs to, space-separated, for the page's script.</summary>
    public string? Kinds => CaseForm.EventKinds(Name) is { } kinds ? string.Join(' ', kinds) : null;

    public bool Hidden => Form.Hides(Name);

    /// <summary>The ids of the texts that describe the input: the hint, and the error when there is one.</summary>
    public string DescribedBy => Error is null ? Id + "-uitleg" : $"{Id}-fout {Id}-uitleg";
}
