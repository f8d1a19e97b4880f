namespace EligibilityEngine.Host;

/// <summary>
/// Holds the logging categories of the frameworks the host runs on at Warning, whatever the configuration says:
/// below Warning they write request content (Grpc.AspNetCore.* a rejected value or an RpcException's detail;
/// Microsoft.AspNetCore.* a JSON parse error quoting the body). Cases are about vulnerable people. The host's own bearer
/// handler is held there too: ASP.NET Core's AuthenticationHandler, its base, logs a failed token's message at
/// Information under the handler's category, and IdentityModel's messages quote the token's <c>iss</c> and <c>kid</c>
/// (issue #22: a 15 KB <c>iss</c>, which may hold personal data, logged whole); the refusal is logged with the
/// failure's type only (<see cref="Security.RefusingAuthorizationResultHandler"/>).
/// </summary>
public static class PersonalDataSafeLogging
{
    public static readonly string[] FrameworkCategories = ["Grpc", "Microsoft.AspNetCore", typeof(Security.BearerTokenAuthenticationHandler).FullName!];

    /// <summary>Raises every configured rule for these categories to at least Warning, and adds a Warning rule per
    /// category for every provider named in the configuration, so no more specific rule can lower it again.</summary>
    public static void Enforce(LoggerFilterOptions options)
    {
        for (var i = 0; i < options.Rules.Count; i++)
        {
            var rule = options.Rules[i];
            if (IsFramework(rule.CategoryName) && (rule.LogLevel is null or < LogLevel.Warning || rule.Filter is not null))
                options.Rules[i] = new LoggerFilterRule(rule.ProviderName, rule.CategoryName, LogLevel.Warning, null);
        }

        foreach (var provider in options.Rules.Select(r => r.ProviderName).Append(null).Distinct().ToList())
        foreach (var category in FrameworkCategories)
            options.Rules.Add(new LoggerFilterRule(provider, category, LogLevel.Warning, null));
    }

    private static bool IsFramework(string? category) =>
        category is not null && FrameworkCategories.Any(f => category == f || category.StartsWith(f + ".", StringComparison.Ordinal));
}
