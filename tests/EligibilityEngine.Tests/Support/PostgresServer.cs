using System.Diagnostics;
using Npgsql;

namespace EligibilityEngine.Tests.Support;

/// <summary>
/// A real PostgreSQL server for the tests. With <c>EE_TEST_POSTGRES</c> set, that server (a connection string whose
/// user may create databases); otherwise a throwaway cluster from Debian's <c>postgresql</c> package on a Unix socket of
/// its own (no TCP port to collide with the hosts the tests start), started and removed by samples/dev-postgres.sh.
/// Each test takes a fresh database.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private string? _dataDirectory;
    private string _baseConnectionString = "";
    private int _databases;

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("EE_TEST_POSTGRES") is { Length: > 0 } given)
        {
            _baseConnectionString = given;
            return;
        }

        _dataDirectory = Path.Combine(Path.GetTempPath(), "ee-pg-" + Guid.NewGuid().ToString("N"));
        _baseConnectionString = (await DevPostgres("start", _dataDirectory)).Trim();
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
        if (_dataDirectory is not null) await DevPostgres("stop", _dataDirectory);
    }

    /// <summary>samples/dev-postgres.sh, which also serves developers and the load test.</summary>
    private static async Task<string> DevPostgres(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "samples", "dev-postgres.sh"));
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"samples/dev-postgres.sh {arguments[0]} failed ({process.ExitCode}): {await error} " +
                                                "(the audit-store tests need Debian's postgresql package, or EE_TEST_POSTGRES naming a server)");
        return await output;
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}

/// <summary>Tests that load the machine on purpose (several host processes and a database): they run alone, after the
/// others, so that their load slows no other test's deadline and no other test slows their figures.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PostgresLoadCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL under load";
}
