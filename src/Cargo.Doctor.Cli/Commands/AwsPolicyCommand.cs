using System.CommandLine;
using Cargo.Doctor.Sources.Aws;

namespace Cargo.Doctor.Cli.Commands;

/// <summary><c>cargo-doctor aws-policy</c>: the minimal read-only IAM policy the doctor's own AWS identity needs.</summary>
internal static class AwsPolicyCommand
{
    public static Command Create()
    {
        var vendor = new Option<bool>("--vendor") { Description = "The policy `cargo-doctor vendor` needs with Cargo's credentials instead" };
        var command = new Command("aws-policy", "Print the read-only IAM policy cargo-doctor needs for the AWS checks");
        command.Options.Add(vendor);
        command.SetAction(parse =>
        {
            Console.Out.WriteLine(parse.GetValue(vendor) ? Sources.Vendor.VendorReadPermissions.PolicyJson() : AwsReadPermissions.PolicyJson());
            return ExitCodes.Ok;
        });
        return command;
    }
}
