using System.Net.Sockets;

namespace Cargo.Doctor.Tests.Aws;

/// <summary>The fake EC2's CIDR reading, on the examples of the pages cited in <see cref="FakeEc2Cidr"/>.</summary>
[Trait("Category", "Unit")]
public sealed class FakeEc2CidrTests
{
    [Theory]
    [InlineData("100.68.0.18/18", "100.68.0.0/18")]
    [InlineData("3.248.0.10/32", "3.248.0.10/32")]
    [InlineData("10.1.2.3/8", "10.0.0.0/8")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    public void ipv4_ranges_are_canonicalised(string given, string canonical) =>
        Assert.Equal(canonical, FakeEc2Cidr.Canonical(given, AddressFamily.InterNetwork));

    [Theory]
    [InlineData("2001:db8::7/128", "2001:db8::7/128")]
    [InlineData("2001:db8:1234::1/48", "2001:db8:1234::/48")]
    public void ipv6_ranges_are_canonicalised(string given, string canonical) =>
        Assert.Equal(canonical, FakeEc2Cidr.Canonical(given, AddressFamily.InterNetworkV6));

    [Theory]
    [InlineData("3.248.0.10")]
    [InlineData("3.248.0/24")]
    [InlineData("3.248.0.10/33")]
    [InlineData("2001:db8::7/128")]
    [InlineData("3.248.0.10/-1")]
    public void anything_else_is_no_ipv4_range(string given) =>
        Assert.Null(FakeEc2Cidr.Canonical(given, AddressFamily.InterNetwork));
}
