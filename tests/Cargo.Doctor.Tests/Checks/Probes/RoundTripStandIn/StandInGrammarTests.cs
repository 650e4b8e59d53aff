using System.Text;
using Cargo.Doctor.Sources.Probes;
using Cargo.Doctor.Tests.Fixtures.RedshiftStandIn;

namespace Cargo.Doctor.Tests.Checks.Probes.RoundTripStandIn;

/// <summary>
/// The stand-in's UNLOAD/COPY grammar (r_UNLOAD.html, r_COPY.html, copy-parameters-authorization.html):
/// quoting, role chains, the options it emulates, and failing closed on everything else.
/// </summary>
[Trait("Category", "Unit")]
public sealed class StandInGrammarTests
{
    private const string A = "arn:aws:iam::111122223333:role/RedshiftForCargo";
    private const string B = "arn:aws:iam::444455556666:role/cargo-customer-acme";

    [Fact]
    public void quoted_select_reads_doubled_and_backslashed_quotes()
    {
        var unload = Unload(@"UNLOAD ('SELECT ''it''''s'' AS a, \'x\' AS b, ''back\\slash'' AS c') TO 's3://b-1/p/' IAM_ROLE '" + A + "' FORMAT AS CSV");

        Assert.Equal(@"SELECT 'it''s' AS a, 'x' AS b, 'back\slash' AS c", unload.Select);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("eu-central-1")]
    public void the_probes_own_statements_parse_to_what_it_meant(string? region)
    {
        var target = new RoundTripTarget("cargo-exchange-eu", "acme/o'brien", region, A, B);
        var sql = new RoundTripSql(target, "20261201t000000_abcd1234");

        var unload = Unload(sql.Unload);
        var copy = Assert.IsType<CopyStatement>(RedshiftStatement.Parse(sql.Copy));

        Assert.Equal(sql.SelectSource, unload.Select);
        Assert.Equal("cargo-exchange-eu", unload.Bucket);
        Assert.Equal("acme/o'brien/cargo-doctor/20261201t000000_abcd1234/", unload.KeyPrefix);
        Assert.Equal([A, B], unload.Roles);
        Assert.Equal(RoundTripSql.NullMarker, unload.NullAs);
        Assert.False(unload.Parallel);
        Assert.Equal(region, unload.Region);
        Assert.Equal($"\"{RoundTripSql.CopyTable}\"", copy.Table);
        Assert.Equal("(id, note, amount, happened_at, flag)", copy.Columns);
        Assert.Equal(unload.S3Path, copy.S3Path);
        Assert.Equal("auto", copy.TimeFormat);
        Assert.Equal(region, copy.Region);
        Assert.Equal(RoundTripSql.NullMarker, copy.NullAs);
    }

    [Theory]
    [InlineData("FORMAT AS CSV NULL AS 'n' PARALLEL ON REGION AS 'us-east-1' ALLOWOVERWRITE HEADER", true, "us-east-1", true, false, true)]
    [InlineData("format csv null 'n' parallel off region 'us-east-1' cleanpath", false, "us-east-1", false, true, false)]
    [InlineData("CSV PARALLEL FALSE", false, null, false, false, false)]
    public void unload_options_in_their_documented_spellings(string options, bool parallel, string? region, bool overwrite, bool clean, bool header)
    {
        var unload = Unload($"unload ('select 1') to 's3://b-1/p_' iam_role '{A}' {options};");

        Assert.Equal((parallel, region, overwrite, clean, header), (unload.Parallel, unload.Region, unload.AllowOverwrite, unload.CleanPath, unload.Header));
    }

    [Fact]
    public void copy_options_and_a_qualified_quoted_table()
    {
        var copy = Assert.IsType<CopyStatement>(RedshiftStatement.Parse(
            $"COPY \"My Schema\".\"t\"\"x\" (a, \"B\") FROM 's3://b-1/in/' IAM_ROLE '{A},{B}' CSV NULL AS '' IGNOREHEADER AS 1 TIMEFORMAT AS 'AUTO' REGION 'eu-west-1'"));

        Assert.Equal("\"My Schema\".\"t\"\"x\"", copy.Table);
        Assert.Equal("(a, \"B\")", copy.Columns);
        Assert.Equal(1, copy.IgnoreHeader);
        Assert.Equal("", copy.NullAs);
        Assert.Equal("eu-west-1", copy.Region);
    }

    [Fact]
    public void a_chain_of_ten_roles_is_accepted_and_eleven_are_not()
    {
        var ten = string.Join(",", Enumerable.Range(0, 10).Select(i => $"arn:aws:iam::11112222333{i % 10}:role/r{i}"));

        Assert.Equal(10, Unload($"UNLOAD ('select 1') TO 's3://b-1/p' IAM_ROLE '{ten}' CSV").Roles.Count);
        Assert.Equal("invalid-role-chain", Rejected($"UNLOAD ('select 1') TO 's3://b-1/p' IAM_ROLE '{ten},{A}' CSV").Kind);
    }

    [Theory]
    [InlineData(A + ", " + B)]
    [InlineData("RedshiftForCargo")]
    [InlineData(A + ",")]
    public void a_chain_with_spaces_or_no_arn_is_refused(string chain)
    {
        Assert.Equal("invalid-role-chain", Rejected($"UNLOAD ('select 1') TO 's3://b-1/p' IAM_ROLE '{chain}' CSV").Kind);
    }

    [Theory]
    [InlineData("UNLOAD ('select 1') TO 's3://b-1/p' IAM_ROLE '" + A + "' CSV MANIFEST", "UNLOAD option MANIFEST")]
    [InlineData("UNLOAD ('select 1') TO 's3://b-1/p' IAM_ROLE default CSV", "IAM_ROLE default")]
    [InlineData("UNLOAD ('select 1') TO 's3://b-1/p' IAM_ROLE '" + A + "'", "UNLOAD without FORMAT CSV")]
    [InlineData("UNLOAD ('select 1') TO 's3://b-1/p' IAM_ROLE '" + A + "' FORMAT PARQUET", "UNLOAD without FORMAT CSV")]
    [InlineData("COPY t FROM 's3://b-1/p' IAM_ROLE '" + A + "' CSV GZIP", "COPY option GZIP")]
    [InlineData("COPY t FROM 's3://b-1/p' IAM_ROLE '" + A + "' CSV TIMEFORMAT 'epochsecs'", "TIMEFORMAT 'epochsecs'")]
    [InlineData("COPY t FROM 'dynamodb://tbl' IAM_ROLE '" + A + "' CSV", "data source 'dynamodb://tbl'")]
    [InlineData("UNLOAD ('select 1') TO 's3://b-1/p' IAM_ROLE '" + A + "' CSV; SELECT 1", "more than one statement")]
    public void anything_else_fails_closed_as_not_emulated(string sql, string what)
    {
        var error = Rejected(sql);

        Assert.Equal("not-emulated", error.Kind);
        Assert.Equal(ErrorProvenance.StandIn, error.Provenance);
        Assert.StartsWith("stand-in: ", error.Message);
        Assert.Contains(what, error.Message);
    }

    [Theory]
    [InlineData("UNLOAD ('select 1') TO 's3://b-1/p' IAM_ROLE '" + A + "' CSV ALLOWOVERWRITE CLEANPATH")]
    [InlineData("UNLOAD ('select 1' TO 's3://b-1/p' IAM_ROLE '" + A + "' CSV")]
    [InlineData("UNLOAD ('select 1') TO 's3://b-1/p IAM_ROLE '" + A + "' CSV")]
    [InlineData("UNLOAD ('select 1') TO 's3://b-1/p' CSV")]
    public void malformed_statements_are_syntax_errors(string sql)
    {
        Assert.Equal("42601", Rejected(sql).SqlState);
    }

    [Theory]
    [InlineData("SELECT * FROM t LIMIT 5", true)]
    [InlineData("SELECT * FROM (SELECT * FROM t LIMIT 5) x", false)]
    [InlineData("SELECT 'LIMIT 5' AS note FROM t", false)]
    [InlineData("SELECT \"limit\" FROM t", false)]
    public void only_a_limit_in_the_outer_select_is_refused(string select, bool refused)
    {
        var sql = $"UNLOAD ('{select.Replace("'", "''")}') TO 's3://b-1/p' IAM_ROLE '{A}' CSV";

        if (refused)
        {
            Assert.Equal("outer-limit", Rejected(sql).Kind);
        }
        else
        {
            Assert.Equal(select, Unload(sql).Select);
        }
    }

    [Theory]
    [InlineData("SELECT 1")]
    [InlineData("COPY t FROM STDIN WITH (FORMAT csv)")]
    [InlineData("COPY (SELECT 1) TO STDOUT")]
    [InlineData("-- UNLOAD\nSELECT 'UNLOAD'")]
    public void other_statements_go_to_postgresql_unchanged(string sql)
    {
        Assert.Null(RedshiftStatement.Parse(sql));
    }

    [Fact]
    public void parallel_on_writes_one_object_per_slice_with_the_header_in_each()
    {
        var unload = Unload($"UNLOAD ('select 1') TO 's3://b-1/run/venue_' IAM_ROLE '{A}' CSV HEADER");
        var data = new[] { "id\n", "1\n", "2\n", "3\n" }.Select(Encoding.UTF8.GetBytes).ToList();

        var objects = PostgresRewrite.UnloadObjects(unload, data, slices: 2);

        Assert.Equal(["run/venue_0000_part_00", "run/venue_0001_part_00"], objects.Select(o => o.Key));
        Assert.Equal(["id\n1\n3\n", "id\n2\n"], objects.Select(o => Encoding.UTF8.GetString(o.Content)));
        var serial = PostgresRewrite.UnloadObjects(unload with { Parallel = false }, data, slices: 2);
        Assert.Equal(("run/venue_000", "id\n1\n2\n3\n"), (serial.Single().Key, Encoding.UTF8.GetString(serial.Single().Content)));
    }

    private static UnloadStatement Unload(string sql) => Assert.IsType<UnloadStatement>(RedshiftStatement.Parse(sql));

    private static RedshiftError Rejected(string sql) => Assert.Throws<StatementRejectedException>(() => RedshiftStatement.Parse(sql)).Error;
}
