namespace EligibilityEngine.Host.Web;

/// <summary>The pages' settings (section "Web").</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>The folder of example cases offered on the page (case files, YAML or JSON), found like the rules folder.</summary>
    public string SamplesDirectory { get; set; } = "samples/cases";

    /// <summary>Whom a person asks for access, as the sign-in page names them (e.g. "de servicedesk Werk en Inkomen, toestel 1234").</summary>
    public string Contact { get; set; } = "de functioneel beheerder van deze installatie";

    /// <summary>The folder of CBS municipality lists per year (&lt;year&gt;.csv), found like the rules folder.</summary>
    public string MunicipalitiesDirectory { get; set; } = "reference/gemeenten";
}
