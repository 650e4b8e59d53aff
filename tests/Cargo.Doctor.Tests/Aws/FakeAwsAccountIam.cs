using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;

namespace Cargo.Doctor.Tests.Aws;

/// <summary>IAM: https://docs.aws.amazon.com/IAM/latest/APIReference/ (GetRole, CreateRole, PutRolePolicy, ...).</summary>
public sealed partial class FakeAwsAccount
{
    private const string IamNs = "https://iam.amazonaws.com/doc/2010-05-08/";

    private FakeAwsResponse? Iam(string operation, IReadOnlyDictionary<string, string> form)
    {
        var name = form.GetValueOrDefault("RoleName", "");
        var role = Roles.GetValueOrDefault(name);
        switch (operation)
        {
            case "CreateRole" when role is not null:
                return QueryError(409, "EntityAlreadyExists", $"Role with name {name} already exists.");
            case "CreateRole":
                role = Roles[name] = new FakeRole(name, RoleArn(name), form["AssumeRolePolicyDocument"]);
                return IamResult("CreateRole", RoleXml(role));
            case "GetRole" or "PutRolePolicy" or "ListRolePolicies" or "GetRolePolicy" or "ListAttachedRolePolicies" or "UpdateAssumeRolePolicy" when role is null:
                return QueryError(404, "NoSuchEntity", $"The role with name {name} cannot be found.");
            case "GetRole":
                return GetRole(role!.Name, role.Arn, role.TrustPolicy);
            case "UpdateAssumeRolePolicy":
                role!.TrustPolicy = form["PolicyDocument"];
                return IamResult("UpdateAssumeRolePolicy", "");
            case "PutRolePolicy":
                // "Adds or updates an inline policy document" (API_PutRolePolicy.html): same name replaces.
                role!.InlinePolicies[form["PolicyName"]] = form["PolicyDocument"];
                return IamResult("PutRolePolicy", "");
            case "ListRolePolicies":
                return ListRolePolicies(null, [.. role!.InlinePolicies.Keys]);
            case "GetRolePolicy":
                return role!.InlinePolicies.TryGetValue(form.GetValueOrDefault("PolicyName", ""), out var document)
                    ? GetRolePolicy(role.Name, form["PolicyName"], document)
                    : QueryError(404, "NoSuchEntity", $"The role policy with name {form.GetValueOrDefault("PolicyName")} cannot be found.");
            case "ListAttachedRolePolicies":
                return ListAttachedRolePolicies(null);
            case "SimulatePrincipalPolicy":
                // The fake evaluates no policy: the doctor's own offline evaluation has to decide.
                return QueryAccessDenied("iam:SimulatePrincipalPolicy");
            default:
                return null;
        }
    }

    private static string RoleXml(FakeRole role) =>
        $"<Role><Path>/</Path><RoleName>{X(role.Name)}</RoleName><RoleId>AROAFAKEROLEID</RoleId><Arn>{X(role.Arn)}</Arn>" +
        $"<CreateDate>2024-01-01T00:00:00Z</CreateDate><AssumeRolePolicyDocument>{X(Uri.EscapeDataString(role.TrustPolicy))}</AssumeRolePolicyDocument></Role>";

    private static FakeAwsResponse IamResult(string action, string result) => FakeAwsResponse.Xml(
        $"<{action}Response xmlns=\"{IamNs}\"><{action}Result>{result}</{action}Result><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></{action}Response>");
}
