using Cargo.Doctor.Tests.Fixtures.RedshiftStandIn;

namespace Cargo.Doctor.Tests.StandIn;

/// <summary>
/// Scripts are cut into statements the way Redshift reads them: semicolons inside '' and \' escaped
/// literals, "quoted" identifiers, -- comments and $$ bodies (r_CREATE_FUNCTION.html) do not end a statement.
/// </summary>
[Trait("Category", "Unit")]
public sealed class RedshiftScriptSplitTests
{
    public static TheoryData<string, string[]> Scripts => new()
    {
        { "SELECT 1; SELECT 2;", ["SELECT 1", "SELECT 2"] },
        { "SELECT 'a;''b'; SELECT 'c\\';d';", ["SELECT 'a;''b'", "SELECT 'c\\';d'"] },
        { "CREATE SCHEMA \"x;y\"; -- comment; with semicolon\nSELECT 1", ["CREATE SCHEMA \"x;y\"", "-- comment; with semicolon\nSELECT 1"] },
        { "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql; SELECT 2", ["CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql", "SELECT 2"] },
        { "-- only a comment;\n;;", [] },
    };

    [Theory]
    [MemberData(nameof(Scripts))]
    public void a_script_splits_into_its_statements(string script, string[] statements) =>
        Assert.Equal(statements, RedshiftLexer.Split(script));

    [Fact]
    public void a_backslash_escaped_quote_is_part_of_the_literal() =>
        Assert.Equal("it's", RedshiftLexer.Read("SELECT 'it\\'s'").Single(t => t.Kind == SqlTokenKind.String).Value);

    [Theory]
    [InlineData("CREATE SCHEMA \"Sales\"", false, "CREATE SCHEMA \"sales\"")]
    [InlineData("CREATE SCHEMA \"Sales\"", true, "CREATE SCHEMA \"Sales\"")]
    [InlineData("SELECT \"ÜBER\"", false, "SELECT \"Über\"")]
    [InlineData("ALTER SCHEMA s OWNER TO \"CargoUser\"", false, "ALTER SCHEMA s OWNER TO \"CargoUser\"")]
    public void pass_through_statements_fold_quoted_names_unless_case_sensitive(string statement, bool caseSensitive, string expected) =>
        Assert.Equal(expected, RedshiftSqlPath.Translate(statement, caseSensitive).Sql);
}
