using System.Collections.Concurrent;

namespace Cargo.Doctor.Sources.Warehouse;

/// <summary>Every SQL statement the tool sent, in order, with the database it ran in.</summary>
public sealed class StatementLog
{
    private readonly ConcurrentQueue<(string Database, string Sql)> _statements = new();

    public int Count => _statements.Count;

    public IReadOnlyList<(string Database, string Sql)> Statements => _statements.ToList();

    public void Record(string database, string sql) => _statements.Enqueue((database, sql));
}
