using Cargo.Doctor.Config;

namespace Cargo.Doctor.Tests.Hardening;

/// <summary>
/// Issue 13.2 and 13.11: the endpoint's URL forms parse into host, port, database and user; a password
/// anywhere in them is refused with a message that does not repeat it; IPv6 only in brackets.
/// </summary>
[Trait("Category", "Unit")]
public sealed class EndpointUrlTests
{
    private const string Secret = "Pa55-In-The-Url-9031";

    [Theory]
    [InlineData("postgres://cargo_user@db.example.com:5439/dev", "db.example.com", 5439, "dev", "cargo_user")]
    [InlineData("redshift://db.example.com:5439/dev", "db.example.com", 5439, "dev", null)]
    [InlineData("jdbc:redshift://db.example.com:5439/dev?user=loader&ssl=false", "db.example.com", 5439, "dev", "loader")]
    [InlineData("jdbc:redshift://db.example.com:5439/dev;UID=loader", "db.example.com", 5439, "dev", "loader")]
    [InlineData("jdbc:postgresql://db.example.com:5439/my%20db", "db.example.com", 5439, "my db", null)]
    [InlineData("[::1]", "::1", null, null, null)]
    [InlineData("[::1]/dev", "::1", null, "dev", null)]
    [InlineData("[2001:db8::7]:5439/dev", "2001:db8::7", 5439, "dev", null)]
    [InlineData("postgresql://[2001:db8::7]:5440/dev", "2001:db8::7", 5440, "dev", null)]
    [InlineData("[::ffff:192.0.2.1]:5439/dev", "::ffff:192.0.2.1", 5439, "dev", null)]
    public void url_forms_parse_into_their_parts(string text, string host, int? port, string? database, string? user)
    {
        Assert.Equal(new Endpoint(host, port, database, user), Endpoint.Parse(text) with { SslMode = null });
    }

    // Issue 22.4: the URL's sslmode was dropped (verify-full connected with prefer).
    [Theory]
    [InlineData("jdbc:redshift://db.example.com:5439/dev?ssl=true&sslmode=verify-full", WarehouseSslMode.VerifyFull)]
    [InlineData("jdbc:redshift://db.example.com:5439/dev;SSLMode=verify-ca", WarehouseSslMode.VerifyCa)]
    [InlineData("postgresql://db.example.com/dev?sslmode=require", WarehouseSslMode.Require)]
    [InlineData("postgres://db.example.com/dev?sslmode=disable", WarehouseSslMode.Disable)]
    [InlineData("jdbc:redshift://db.example.com:5439/dev?ssl=false", WarehouseSslMode.Disable)]
    [InlineData("db.example.com:5439/dev?sslmode=verify-full", WarehouseSslMode.VerifyFull)]
    public void the_urls_sslmode_is_kept(string text, WarehouseSslMode mode)
    {
        Assert.Equal(mode, Endpoint.Parse(text).SslMode);
    }

    [Fact]
    public void an_endpoint_without_ssl_settings_names_no_mode()
    {
        Assert.Null(Endpoint.Parse("jdbc:redshift://db.example.com:5439/dev").SslMode);
    }

    [Theory]
    [InlineData("jdbc:redshift://db.example.com:5439/dev?ssl=true", "ssl=true does not say how the server is verified")]
    [InlineData("jdbc:redshift://db.example.com:5439/dev?ssl=true&sslmode=prefer", "ssl=true contradicts sslmode=prefer")]
    [InlineData("jdbc:redshift://db.example.com:5439/dev?ssl=false&sslmode=verify-full", "ssl=false contradicts sslmode=verify-full")]
    [InlineData("postgresql://db.example.com/dev?sslmode=always", "sslmode 'always' is not one of")]
    [InlineData("postgresql://db.example.com/dev?sslmode=require&sslmode=disable", "sslmode is given twice")]
    [InlineData("postgresql://db.example.com/dev?sslmode=verify-full&sslrootcert=/tmp/ca.pem", "'sslrootcert' is not supported")]
    [InlineData("jdbc:redshift://db.example.com:5439/dev?SSLFactory=com.amazon.redshift.ssl.NonValidatingFactory", "'SSLFactory' is not supported")]
    public void ssl_settings_that_cannot_be_honoured_are_refused(string text, string expected)
    {
        var e = Assert.Throws<ConfigException>(() => Endpoint.Parse(text));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void the_config_files_endpoint_sslmode_is_honoured_and_a_contradicting_key_refused()
    {
        var honoured = ConfigFile.Parse("warehouse:\n  endpoint: jdbc:redshift://db.example.com:5439/dev?sslmode=verify-full\n");
        var contradicted = Assert.ThrowsAny<UsageException>(() => ConfigFile.Parse("warehouse:\n  endpoint: db.example.com:5439/dev?sslmode=verify-full\n  sslMode: prefer\n"));

        Assert.Equal(WarehouseSslMode.VerifyFull, honoured.Warehouse.SslMode);
        Assert.Contains("line 3: warehouse.sslMode: prefer contradicts sslmode=verify-full", contradicted.Message, StringComparison.Ordinal);
    }

    // Issue 22.5: a secret key after a space, '&', ',' or '#' was read as part of the database name.
    [Theory]
    [InlineData("db.example.com:5439/dev password=" + Secret)]
    [InlineData("jdbc:redshift://db.example.com:5439/dev password=" + Secret)]
    [InlineData("db.example.com:5439/dev&password=" + Secret)]
    [InlineData("db.example.com:5439/dev,PWD=" + Secret)]
    [InlineData("db.example.com:5439/dev#password=" + Secret)]
    [InlineData("db.example.com:5439/dev%20password%3D" + Secret)]
    [InlineData("postgresql://db.example.com/dev?sslmode=require password = " + Secret)]
    [InlineData("db.example.com:5439/dev\tpassword=" + Secret)]
    public void a_password_after_any_separator_is_refused_without_repeating_it(string text)
    {
        var e = Assert.Throws<ConfigException>(() => Endpoint.Parse(text));

        Assert.Equal("the endpoint contains a password: remove it and set CARGO_DOCTOR_PASSWORD (or PGPASSWORD) instead", e.Message);
        Assert.DoesNotContain(Secret, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("db.example.com:5439/dev sslmode=require")]
    [InlineData("jdbc:redshift://db.example.com:5439/dev user=admin")]
    [InlineData("db.example.com:5439/dev%20application_name%3Dx")]
    public void a_database_part_holding_settings_is_refused(string text)
    {
        var e = Assert.Throws<ConfigException>(() => Endpoint.Parse(text));

        Assert.Contains("the database part holds 'key=value' settings", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("dev", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgres://cargo_user:" + Secret + "@db.example.com:5439/dev")]
    [InlineData("postgresql://cargo_user:" + Secret + "@[::1]:5439/dev")]
    [InlineData("redshift://u:" + Secret + "@db.example.com/dev")]
    [InlineData("jdbc:redshift://db.example.com:5439/dev?user=u&password=" + Secret)]
    [InlineData("jdbc:redshift://db.example.com:5439/dev?Password=" + Secret + "&user=u")]
    [InlineData("jdbc:redshift://db.example.com:5439/dev;UID=u;PWD=" + Secret)]
    [InlineData("u:" + Secret + "@db.example.com:5439/dev")]
    [InlineData("postgres://u:" + Secret + "@db.example.com:notaport/dev")]
    [InlineData("redshift+psycopg2://u:" + Secret + "@db.example.com:5439/dev")]
    [InlineData("mysql://u:" + Secret + "@db.example.com/dev")]
    [InlineData("jdbc:redshift:iam://examplecluster:us-west-2/dev;AccessKeyID=AKIAEXAMPLE;SecretAccessKey=" + Secret)]
    [InlineData("jdbc:redshift://db.example.com:5439/dev?SessionToken=" + Secret)]
    [InlineData("postgres://u:pa/" + Secret + "@db.example.com:5439/dev")]
    [InlineData("postgres://u:pa?" + Secret + "@db.example.com/dev")]
    public void a_password_in_the_endpoint_is_refused_without_repeating_it(string text)
    {
        var e = Assert.Throws<ConfigException>(() => Endpoint.Parse(text));

        Assert.Equal("the endpoint contains a password: remove it and set CARGO_DOCTOR_PASSWORD (or PGPASSWORD) instead", e.Message);
    }

    [Fact]
    public void the_user_in_the_url_logs_in_when_it_is_not_the_cargo_user()
    {
        var endpoint = Endpoint.Parse("postgres://admin@db.example.com:5439/dev");

        Assert.Equal("admin", endpoint.LoginUserFor("cargo_user"));
        Assert.Null(endpoint.LoginUserFor("admin"));
    }
}
