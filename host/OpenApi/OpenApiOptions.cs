namespace EligibilityEngine.Host.OpenApi;

/// <summary>What the OpenAPI document says about who runs this deployment (configuration section "OpenApi").</summary>
public sealed class OpenApiOptions
{
    public const string Section = "OpenApi";

    /// <summary>info.contact (/core/doc-openapi-contact): name, url and email are all required.</summary>
    public ContactOptions Contact { get; set; } = new();

    public sealed class ContactOptions
    {
        public string Name { get; set; } = "";
        public string Url { get; set; } = "";
        public string Email { get; set; } = "";
    }
}
