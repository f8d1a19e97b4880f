namespace EligibilityEngine.Audit;

/// <summary>
/// A secret key for the audit log, read from a file holding it in base64 (as a Kubernetes secret is mounted): the key
/// of the subject pseudonym and the key the facts are encrypted with. At least 32 bytes.
/// </summary>
public static class AuditKey
{
    public const int MinimumBytes = 32;

    /// <exception cref="AuditConfigurationException">The file is missing, not base64 or too short.</exception>
    public static byte[] Read(string path, string setting)
    {
        if (!File.Exists(path)) throw new AuditConfigurationException($"{setting}: no key file '{path}'");
        byte[] key;
        try
        {
            key = Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
        catch (FormatException)
        {
            throw new AuditConfigurationException($"{setting}: '{path}' does not hold a key in base64 (make one with: openssl rand -base64 32)");
        }

        return key.Length >= MinimumBytes
            ? key
            : throw new AuditConfigurationException($"{setting}: the key in '{path}' has {key.Length} bytes; it needs at least {MinimumBytes}");
    }
}

/// <summary>An audit setting that cannot work: the host does not start, the command stops.</summary>
public sealed class AuditConfigurationException(string message) : Exception(message);
