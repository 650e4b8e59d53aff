using System.Net;
using Cargo.Doctor.Network;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Tests.Sources.Aws;

[Trait("Category", "Unit")]
public sealed class CidrTests
{
    [Theory]
    [InlineData("3.248.0.0/16", "3.248.0.10", true)]
    [InlineData("3.248.0.0/16", "3.249.0.10", false)]
    [InlineData("3.248.0.10/32", "3.248.0.10", true)]
    [InlineData("3.248.0.10/32", "3.248.0.11", false)]
    [InlineData("0.0.0.0/0", "203.0.113.7", true)]
    [InlineData("0.0.0.0/0", "2001:db8::1", false)]
    [InlineData("::/0", "2001:db8::1", true)]
    [InlineData("2001:db8::/32", "2001:db8:ffff::1", true)]
    [InlineData("2001:db8::/32", "2001:db9::1", false)]
    [InlineData("2001:db8::1/128", "2001:db8::1", true)]
    [InlineData("3.248.0.0/24", "3.248.0.0/16", false)]
    [InlineData("3.248.0.0/16", "3.248.1.0/24", true)]
    [InlineData("3.248.0.77/16", "3.248.200.1", true)]
    public void contains(string range, string candidate, bool expected) =>
        Assert.Equal(expected, Cidr.Parse(range).Contains(Cidr.Parse(candidate)));

    [Fact]
    public void a_bare_address_is_a_host_network()
    {
        Assert.Equal("203.0.113.7/32", Cidr.Parse("203.0.113.7").ToString());
        Assert.Equal("2001:db8::7/128", Cidr.Parse(" 2001:db8::7 ").ToString());
        Assert.True(Cidr.Parse("10.0.0.0/8").Contains(IPAddress.Parse("::ffff:10.1.2.3")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("3.248.0")]
    [InlineData("3.248.0.300")]
    [InlineData("3.248.0.1/33")]
    [InlineData("2001:db8::/129")]
    [InlineData("3.248.0.1/-1")]
    [InlineData("3.248.0.1/")]
    [InlineData("example.com")]
    [InlineData("1")]
    public void malformed_input_is_a_clear_config_error(string text)
    {
        var error = Assert.Throws<FormatException>(() => Cidr.Parse(text, "--cargo-ip"));

        Assert.Equal($"--cargo-ip '{text}' is not an IP address or CIDR (e.g. 203.0.113.7 or 203.0.113.0/24)", error.Message);
    }

    [Theory]
    [InlineData("10.0.0.5", true)]
    [InlineData("172.31.255.1", true)]
    [InlineData("192.168.1.1", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("3.248.0.10", false)]
    [InlineData("172.32.0.1", false)]
    [InlineData("2600:1f18::1", false)]
    public void private_addresses(string address, bool expected) => Assert.Equal(expected, PrivateAddresses.IsPrivate(address));

    [Theory]
    [InlineData("cargo-redshift-access", "'cargo-redshift-access'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("{\"a\": \"$HOME `x`\"}", "'{\"a\": \"$HOME `x`\"}'")]
    [InlineData("", "''")]
    public void shell_quote(string value, string expected) => Assert.Equal(expected, ShellQuote.Arg(value));
}
