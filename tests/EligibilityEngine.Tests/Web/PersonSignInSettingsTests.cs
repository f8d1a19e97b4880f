using EligibilityEngine.Host;
using EligibilityEngine.Host.Security;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Web;

/// <summary>Sign-in settings that cannot work stop the host with one line, as every security setting does.</summary>
[Trait(Category.Name, Category.Process)]
public sealed class PersonSignInSettingsTests
{
    private const string Authority = "--Security:OpenIdConnect:Authority=https://login.gemeente.example.nl/";
    private const string Client = "--Security:OpenIdConnect:ClientId=beschut-werk";
    private const string Mapping = "--Security:OpenIdConnect:RoleMapping:arbeidsdeskundigen=beoordelen";

    [Theory]
    [InlineData("Security:OpenIdConnect:ClientId is required with Security:OpenIdConnect:Authority", Authority, Mapping)]
    [InlineData("Security:OpenIdConnect:Authority is required with Security:OpenIdConnect:ClientId", Client, Mapping)]
    [InlineData("Security:OpenIdConnect:Authority must be an https URL (http only on loopback)",
        "--Security:OpenIdConnect:Authority=http://login.gemeente.example.nl/", Client, Mapping)]
    [InlineData("Security:OpenIdConnect:ClientSecretFile /nonexistent/secret does not exist",
        Authority, Client, Mapping, "--Security:OpenIdConnect:ClientSecretFile=/nonexistent/secret")]
    [InlineData("Security:OpenIdConnect:RoleMapping maps no role or group to a scope: nobody who signs in could open a page that judges cases",
        Authority, Client)]
    [InlineData("Security:OpenIdConnect:RoleMapping:arbeidsdeskundigen names 'beoordeling', which is not a scope (beoordelen, regelsets-lezen, impact, audit-lezen)",
        Authority, Client, "--Security:OpenIdConnect:RoleMapping:arbeidsdeskundigen=beoordeling")]
    [InlineData("Security:OpenIdConnect:SessionMinutes must be a positive number of minutes", Authority, Client, Mapping, "--Security:OpenIdConnect:SessionMinutes=0")]
    public void A_sign_in_setting_that_cannot_work_stops_the_host_saying_which(string message, params string[] settings)
    {
        Should.Throw<SecurityConfigurationException>(() => EligibilityHost.Build(settings)).Message.ShouldBe(message);
    }

    [Fact]
    public void Sign_in_for_people_does_not_let_the_service_run_open_on_a_network_address()
    {
        Should.Throw<SecurityConfigurationException>(() => EligibilityHost.Build(["--Kestrel:Endpoints:Grpc:Url=http://0.0.0.0:0", Authority, Client, Mapping]))
            .Message.ShouldStartWith("The host is bound to a non-loopback address without authentication.");
    }

    [Fact]
    public async Task The_operator_reads_the_mistake_in_one_line_and_the_host_exits_with_2()
    {
        var failure = await Should.ThrowAsync<InvalidOperationException>(() => HostProcess.StartAsync(Authority, Mapping));

        failure.Message.ShouldContain("exited with 2");
        failure.Message.ShouldContain("EligibilityEngine does not start: Security:OpenIdConnect:ClientId is required with Security:OpenIdConnect:Authority");
        failure.Message.ShouldNotContain("   at ");
    }
}

/// <summary>What a signed-in person becomes, and where signing in may return to.</summary>
public sealed class PersonSignInMappingTests
{
    [Theory]
    [InlineData("/casus?voorbeeld=positief-advies", "/casus?voorbeeld=positief-advies")]
    [InlineData("/", "/")]
    [InlineData("//elders.example.nl/casus", "/")]
    [InlineData("/\\elders.example.nl", "/")]
    [InlineData("https://elders.example.nl/", "/")]
    [InlineData("casus", "/")]
    [InlineData(null, "/")]
    public void Signing_in_returns_to_a_path_on_this_host_only(string? asked, string returned)
    {
        PersonSignIn.LocalPath(asked).ShouldBe(returned);
    }

    [Fact]
    public void A_persons_groups_give_the_mapped_scopes_as_page_claims_and_nothing_else()
    {
        var mapping = PersonSignIn.RoleMapping(new Dictionary<string, string> { ["arbeidsdeskundigen"] = "beoordelen", ["juristen"] = "impact regelsets-lezen" });
        var signedIn = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
        [
            new("sub", "u-17"), new("name", "Els van Dijk"), new("groups", "arbeidsdeskundigen"), new("groups", "kantine"), new("email", "els@example.nl"),
        ], "oidc"));

        var person = PersonSignIn.Person(signedIn, "groups", mapping);

        person.Identity!.Name.ShouldBe("Els van Dijk");
        person.FindAll(PersonSignIn.ScopeClaimType).Select(c => c.Value).ShouldBe(["beoordelen"]);
        person.Claims.Select(c => c.Type).ShouldBe(["sub", "name", PersonSignIn.ScopeClaimType], ignoreOrder: true);
        person.FindFirst("scope").ShouldBeNull("a person's scopes are never a token's scope claim");
    }
}
