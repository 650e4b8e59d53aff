using Cargo.Doctor.Sources.Aws;

namespace Cargo.Doctor.Tests.Sources.Aws;

/// <summary>
/// Issue 11 (JSON without reflection): `cargo-doctor aws-policy` prints the same bytes: two-space
/// indents, AWS's PascalCase keys, and the actions unescaped (a relaxed encoder).
/// </summary>
[Trait("Category", "Unit")]
public sealed class AwsReadPolicyJsonTests
{
    [Fact]
    public void aws_policy_is_the_indented_policy_with_every_action()
    {
        var actions = string.Join(",\n", AwsReadPermissions.Actions.Select(a => $"        \"{a}\""));

        Assert.Equal(
            $$"""
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "CargoDoctorReadOnly",
                  "Effect": "Allow",
                  "Action": [
            {{actions}}
                  ],
                  "Resource": "*"
                }
              ]
            }
            """,
            AwsReadPermissions.PolicyJson());
    }
}
