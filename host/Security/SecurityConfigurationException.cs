namespace EligibilityEngine.Host.Security;

/// <summary>The "Security" settings do not allow the host to start: the operator reads why, without a stack trace.</summary>
public sealed class SecurityConfigurationException(string message) : Exception(message);
