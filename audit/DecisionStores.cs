namespace EligibilityEngine.Audit;

/// <summary>Opens the store a setting names: a PostgreSQL connection string (it has <c>Host=</c>), else a SQLite file path.</summary>
public static class DecisionStores
{
    public static async Task<SqlDecisionStore> OpenAsync(string store, int sqliteBusyTimeoutMilliseconds = 5000, CancellationToken cancellation = default) =>
        IsPostgres(store)
            ? await PostgresDecisionStore.OpenAsync(store, cancellation)
            : (SqlDecisionStore)await SqliteDecisionStore.OpenAsync(store, sqliteBusyTimeoutMilliseconds, cancellation);

    public static bool IsPostgres(string store) => store.Contains("Host=", StringComparison.OrdinalIgnoreCase);
}
