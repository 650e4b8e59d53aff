using System.CommandLine;
using Cargo.Doctor.Catalog;
using Cargo.Doctor.Cli.Terminal;
using Cargo.Doctor.Config;
using Cargo.Doctor.Engine;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Files;
using Cargo.Doctor.Findings;

namespace Cargo.Doctor.Cli.Commands;

/// <summary><c>cargo-doctor chain CUSTOMER_FACTS VENDOR_FACTS</c>: one verdict over both halves of the role chain.</summary>
internal static class ChainCommand
{
    public static Command Create()
    {
        var customerFile = new Argument<string>("CUSTOMER_FACTS") { Description = "Facts file of the customer's run (`check --save-facts`)" };
        var vendorFile = new Argument<string>("VENDOR_FACTS") { Description = "Facts file of Cargo's run (`vendor --save-facts`)" };
        var command = new Command("chain", "Join a customer's and Cargo's facts files into one verdict over the role chain");
        command.Arguments.Add(customerFile);
        command.Arguments.Add(vendorFile);
        command.SetAction(parse =>
        {
            var terminal = new TerminalOutput();
            var customer = Read(parse.GetValue(customerFile)!);
            var vendor = Read(parse.GetValue(vendorFile)!);
            IReadOnlyList<ChainItem> items;
            try
            {
                items = ChainVerdict.Evaluate(customer, vendor, CatalogLoader.LoadDefault(), CatalogLoader.LoadVendor());
            }
            catch (FormatException e)
            {
                throw new UsageException(e.Message);
            }

            foreach (var item in items)
            {
                var who = item.Status == CheckStatus.Pass ? "" : $" [{item.Side} must act]";
                terminal.Line($"{CheckStatusWords.Word(item.Status),-7} {item.Name}: {item.Text}{who}");
            }

            return ChainVerdict.AnyFailed(items) ? ExitCodes.CheckFailed : ExitCodes.Ok;
        });
        return command;
    }

    private static FactsSnapshot Read(string path)
    {
        try
        {
            return FactsJson.Deserialize(BoundedRead.FileText(path));
        }
        catch (FormatException e)
        {
            throw new UsageException($"{path}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{path}: could not be read: {e.Message}");
        }
    }
}
