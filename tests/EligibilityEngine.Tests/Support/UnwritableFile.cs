using System.Diagnostics;

namespace EligibilityEngine.Tests.Support;

/// <summary>
/// Makes a file unwritable for this process until disposed. As root (as the tests run here and in CI) the mode bits
/// deny nothing, so the file is made immutable (<c>chattr +i</c>, which denies root too, as a read-only mount or a
/// file of another owner denies a service account); otherwise its write bits are taken away.
/// </summary>
public sealed class UnwritableFile : IDisposable
{
    private static readonly bool Root = Environment.UserName == "root";
    private readonly string _path;

    public UnwritableFile(string path)
    {
        _path = path;
        Run(Root ? "chattr" : "chmod", Root ? "+i" : "a-w");
    }

    public void Dispose() => Run(Root ? "chattr" : "chmod", Root ? "-i" : "u+w");

    private void Run(string command, string change)
    {
        using var process = Process.Start(new ProcessStartInfo(command, [change, _path]) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{command} {change} {_path} failed ({process.ExitCode}): {error}");
    }
}
