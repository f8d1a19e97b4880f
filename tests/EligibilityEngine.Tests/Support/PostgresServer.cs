using System.Diagnostics;
using Npgsql;

namespace EligibilityEngine.Tests.Support;

/// <summary>
/// A real PostgreSQL server for the tests. With <c>EE_TEST_POSTGRES</c> set, that server (a connection string whose
/// user may create databases); otherwise a throwaway cluster made and started from Debian's <c>postgresql</c> package
/// (<c>initdb</c> and <c>pg_ctl</c> under /usr/lib/postgresql/*/bin; as user postgres when the tests run as root) on a
/// free loopback port, stopped and removed afterwards. Each test takes a fresh database.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private string? _dataDirectory;
    private string? _pgCtl;
    private string _baseConnectionString = "";
    private int _databases;

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("EE_TEST_POSTGRES") is { Length: > 0 } given)
        {
            _baseConnectionString = given;
            return;
        }

        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).Order().LastOrDefault()
            : null;
        if (bin is null)
            throw new InvalidOperationException("PostgreSQL is needed for the audit-store tests: install Debian's package (apt-get install postgresql) " +
                                                "or set EE_TEST_POSTGRES to a connection string of a server whose user may create databases");
        _pgCtl = Path.Combine(bin, "pg_ctl");
        var asRoot = Environment.UserName == "root";
        _dataDirectory = (await Run(asRoot, "mktemp", "-d", "/tmp/ee-pg-XXXXXX")).Trim();
        var port = Grpc.RunningHost.FreePort();
        await Run(asRoot, Path.Combine(bin, "initdb"), "-D", _dataDirectory, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-instructions");
        await Run(asRoot, _pgCtl, "-D", _dataDirectory, "-l", Path.Combine(_dataDirectory, "server.log"), "-w", "-o",
            $"-p {port} -k {_dataDirectory} -c listen_addresses=127.0.0.1 -c max_connections=200", "start");
        _baseConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
    }

    /// <summary>A connection string to a new, empty database.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"ee_test_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        await using var connection = new NpgsqlConnection(_baseConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(_baseConnectionString) { Database = name }.ToString();
    }

    /// <summary>As an outage does: no new connection to <paramref name="connectionString"/>'s database, and the open ones cut.</summary>
    public async Task TakeDownAsync(string connectionString) => await Admin(connectionString, allow: false);

    public async Task BringUpAsync(string connectionString) => await Admin(connectionString, allow: true);

    private async Task Admin(string connectionString, bool allow)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var connection = new NpgsqlConnection(_baseConnectionString);
        await connection.OpenAsync();
        await using var change = new NpgsqlCommand($"ALTER DATABASE {database} ALLOW_CONNECTIONS {(allow ? "true" : "false")}", connection);
        await change.ExecuteNonQueryAsync();
        if (allow) return;
        await using var cut = new NpgsqlCommand($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'", connection);
        await cut.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_dataDirectory is null) return;
        var asRoot = Environment.UserName == "root";
        await Run(asRoot, _pgCtl!, "-D", _dataDirectory, "-m", "immediate", "-w", "stop");
        await Run(asRoot, "rm", "-rf", _dataDirectory);
    }

    /// <summary>Runs a PostgreSQL tool; as root, as the user postgres (the server refuses to run as root).</summary>
    private static async Task<string> Run(bool asRoot, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(asRoot ? "runuser" : program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (asRoot)
        {
            foreach (var a in new[] { "-u", "postgres", "--", program }) start.ArgumentList.Add(a);
        }

        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}");
        return await output;
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
