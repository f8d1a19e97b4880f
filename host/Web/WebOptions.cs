namespace EligibilityEngine.Host.Web;

/// <summary>The pages' settings (section "Web").</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>The folder of example cases offered on the page (case files, YAML or JSON), found like the rules folder.</summary>
    public string SamplesDirectory { get; set; } = "samples/cases";

    /// <summary>The folder of CBS municipality lists per year (&lt;year&gt;.csv), found like the rules folder.</summary>
    public string MunicipalitiesDirectory { get; set; } = "reference/gemeenten";
}
