namespace Cargo.Doctor.IamPolicies;

/// <summary>
/// The condition keys of the sts:AssumeRole request Redshift makes for COPY/UNLOAD, as far as they are known:
/// the dbuser ARN as ExternalId, the source account, and no keys that belong to a human or an IAM principal.
/// </summary>
internal sealed class RedshiftAssumeRoleRequest(TrustPolicyContext context, string servicePrincipal)
{
    // Keys that describe a human caller, an IAM principal or a network origin: a service principal has none.
    // aws:PrincipalOrgID / aws:PrincipalOrgPaths are "included in the request context only if the principal is a
    // member of an organization", which a service principal is not
    // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid);
    // a negated operator on a missing key is true, so a Deny on "StringNotEquals aws:PrincipalOrgID" blocks Redshift
    // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
    private static readonly HashSet<string> AbsentKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "aws:MultiFactorAuthPresent", "aws:MultiFactorAuthAge", "aws:PrincipalArn", "aws:PrincipalAccount",
        "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:userid", "aws:username", "aws:SourceIp",
        "aws:SourceVpc", "aws:SourceVpce", "aws:VpcSourceIp",
    };

    public RequestKeyValue Lookup(string key)
    {
        if (Is(key, "sts:ExternalId"))
        {
            return Known(context.CargoDbUserArn);
        }

        if (Is(key, "aws:SourceAccount"))
        {
            return Known(context.AccountId);
        }

        if (Is(key, "aws:PrincipalServiceName"))
        {
            return RequestKeyValue.Present(servicePrincipal);
        }

        if (Is(key, "aws:PrincipalIsAWSService"))
        {
            return RequestKeyValue.Present("true");
        }

        return AbsentKeys.Contains(key) || key.StartsWith("aws:PrincipalTag/", StringComparison.OrdinalIgnoreCase)
            ? RequestKeyValue.Absent
            : RequestKeyValue.Unknown;
    }

    private static RequestKeyValue Known(string? value) =>
        value is null ? RequestKeyValue.Unknown : RequestKeyValue.Present(value);

    private static bool Is(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
