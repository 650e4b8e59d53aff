using Npgsql;

namespace Cargo.Doctor.Tests.Fixtures;

/// <summary>
/// The PostgreSQL server as a Warehouse test class sees it. Declare it with
/// <c>IClassFixture&lt;PostgresServer&gt;</c> and take it in the constructor: before the class's first
/// test it makes sure the one shared <see cref="PostgresProcess"/> of the run is up. A class fixture
/// (not the assembly fixture itself) so that only the tests that need PostgreSQL start it, and not a
/// collection fixture, which would run every warehouse test one after the other.
/// </summary>
public sealed class PostgresServer(PostgresProcess process) : IAsyncLifetime
{
    public const string AdminUser = PostgresProcess.AdminUser;
    public const string AdminPassword = PostgresProcess.AdminPassword;

    public int Port => process.Port;

    public string Host => process.Host;

    public ValueTask InitializeAsync() => new(process.EnsureStartedAsync());

    /// <summary>The server outlives the class: <see cref="PostgresProcess"/> stops it at the end of the run.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>A name unique within this test run, for databases and users.</summary>
    public string UniqueName(string prefix) => process.UniqueName(prefix);

    public string AdminConnectionString(string database) => process.AdminConnectionString(database);

    public Task<NpgsqlConnection> OpenAdminAsync(string database) => process.OpenAdminAsync(database);

    public Task ExecuteAsync(string database, string sql) => process.ExecuteAsync(database, sql);
}
