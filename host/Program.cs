using EligibilityEngine.Host;
using EligibilityEngine.Host.Security;

try
{
    EligibilityHost.Build(args).Run();
}
catch (Exception refused) when (refused is SecurityConfigurationException or EligibilityEngine.Audit.AuditConfigurationException)
{
    // The operator's mistake, said plainly: no stack trace, and an exit code a supervisor can tell from a crash.
    Console.Error.WriteLine("EligibilityEngine does not start: " + refused.Message);
    return 2;
}

return 0;
