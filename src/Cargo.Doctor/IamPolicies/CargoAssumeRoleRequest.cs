namespace Cargo.Doctor.IamPolicies;

/// <summary>
/// The condition keys of the sts:AssumeRole call on Cargo's role that Redshift makes with the customer role's
/// session (role chaining), as far as the ARNs tell them
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html):
/// aws:ResourceAccount is the account that owns the resource (Cargo's role), aws:PrincipalAccount the caller's
/// account, and aws:PrincipalArn "for IAM roles ... the ARN of the role". Everything else is unknown.
/// </summary>
public sealed class CargoAssumeRoleRequest(string cargoRoleArn, string? customerRoleArn)
{
    public string? CargoAccount => Arns.Account(cargoRoleArn);

    public string? CustomerAccount => Arns.Account(customerRoleArn);

    public RequestKeyValue Lookup(string key) => key.ToLowerInvariant() switch
    {
        "aws:resourceaccount" => Known(CargoAccount),
        "aws:principalaccount" => Known(CustomerAccount),
        "aws:principalarn" => Known(customerRoleArn),
        _ => RequestKeyValue.Unknown,
    };

    private static RequestKeyValue Known(string? value) =>
        string.IsNullOrEmpty(value) ? RequestKeyValue.Unknown : RequestKeyValue.Present(value);
}
