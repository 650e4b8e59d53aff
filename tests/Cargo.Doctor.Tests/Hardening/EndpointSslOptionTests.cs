using System.CommandLine;
using Cargo.Doctor.Cli.Options;
using Cargo.Doctor.Config;

namespace Cargo.Doctor.Tests.Hardening;

/// <summary>Issue 22.4: the --endpoint URL's sslmode reaches the connection settings instead of the default prefer.</summary>
[Trait("Category", "Unit")]
public sealed class EndpointSslOptionTests
{
    [Theory]
    [InlineData("jdbc:redshift://db.example.com:5439/dev?ssl=true&sslmode=verify-full", WarehouseSslMode.VerifyFull)]
    [InlineData("postgresql://db.example.com/dev?sslmode=require", WarehouseSslMode.Require)]
    [InlineData("db.example.com:5439/dev", WarehouseSslMode.Prefer)]
    public void the_endpoints_sslmode_is_the_connections(string endpoint, WarehouseSslMode expected)
    {
        var (config, problems) = Apply("--endpoint", endpoint);

        Assert.Empty(problems);
        Assert.Equal(expected, config.SslMode);
    }

    [Fact]
    public void the_same_mode_in_the_url_and_the_flag_is_no_contradiction()
    {
        var (config, problems) = Apply("--endpoint", "db.example.com:5439/dev?sslmode=verify-full", "--sslmode", "verify-full");

        Assert.Empty(problems);
        Assert.Equal(WarehouseSslMode.VerifyFull, config.SslMode);
    }

    [Fact]
    public void a_flag_weaker_than_the_url_is_a_problem()
    {
        var (_, problems) = Apply("--endpoint", "db.example.com:5439/dev?sslmode=verify-full", "--sslmode", "disable");

        Assert.Equal(["--sslmode disable contradicts sslmode=verify-full in --endpoint: give one"], problems);
    }

    private static (WarehouseConfig Config, List<string> Problems) Apply(params string[] args)
    {
        var options = new WarehouseOptions();
        var command = new RootCommand();
        options.AddTo(command);
        var problems = new List<string>();
        var config = options.Apply(command.Parse(args), new WarehouseConfig(), problems);
        return (config, problems);
    }
}
