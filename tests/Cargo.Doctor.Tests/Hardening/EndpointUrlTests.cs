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
    [InlineData("postgresql://db.example.com/dev?sslmode=require", "db.example.com", null, "dev", null)]
    [InlineData("redshift://db.example.com:5439/dev", "db.example.com", 5439, "dev", null)]
    [InlineData("jdbc:redshift://db.example.com:5439/dev?user=loader&ssl=true", "db.example.com", 5439, "dev", "loader")]
    [InlineData("jdbc:redshift://db.example.com:5439/dev;UID=loader", "db.example.com", 5439, "dev", "loader")]
    [InlineData("jdbc:postgresql://db.example.com:5439/my%20db", "db.example.com", 5439, "my db", null)]
    [InlineData("[::1]", "::1", null, null, null)]
    [InlineData("[::1]/dev", "::1", null, "dev", null)]
    [InlineData("[2001:db8::7]:5439/dev", "2001:db8::7", 5439, "dev", null)]
    [InlineData("postgresql://[2001:db8::7]:5440/dev", "2001:db8::7", 5440, "dev", null)]
    [InlineData("[::ffff:192.0.2.1]:5439/dev", "::ffff:192.0.2.1", 5439, "dev", null)]
    public void url_forms_parse_into_their_parts(string text, string host, int? port, string? database, string? user)
    {
        Assert.Equal(new Endpoint(host, port, database, user), Endpoint.Parse(text));
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
