using Cargo.Doctor.AwsApi.Clients;
using Cargo.Doctor.AwsApi.Model;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Sources.Aws;

namespace Cargo.Doctor.Sources.Vendor;

/// <summary>Reads Cargo's role as the customer side reads the customer's: trust, managed, inline and boundary policies.</summary>
internal sealed class VendorRoleReader(IVendorSource source)
{
    public async Task<(CustomerRoleFacts? Role, Gap? Gap)> ReadAsync(string roleArn, CancellationToken ct)
    {
        var roleName = roleArn[(roleArn.LastIndexOf('/') + 1)..];
        IamRoleInfo info;
        try
        {
            info = await source.GetRoleAsync(roleName, ct).ConfigureAwait(false);
        }
        catch (AwsCallException e) when (e.IsNotFound)
        {
            return (new CustomerRoleFacts { Arn = roleArn, Name = roleName, Exists = false }, null);
        }
        catch (Exception e) when (AwsGaps.IsReadFailure(e))
        {
            return (null, AwsGaps.From(e));
        }

        var role = new CustomerRoleFacts { Arn = info.Arn.Length > 0 ? info.Arn : roleArn, Name = info.RoleName, TrustPolicy = PolicyText.Normalize(info.AssumeRolePolicyDocument) };
        try
        {
            var policies = new List<RolePolicyFacts>();
            foreach (var attached in await source.ListAttachedRolePoliciesAsync(roleName, ct).ConfigureAwait(false))
            {
                policies.Add(await ManagedAsync(attached.PolicyName, attached.PolicyArn, "managed", ct).ConfigureAwait(false));
            }

            foreach (var inline in await source.ListRolePoliciesAsync(roleName, ct).ConfigureAwait(false))
            {
                try
                {
                    policies.Add(new RolePolicyFacts(inline, "inline", null, PolicyText.Normalize(await source.GetRolePolicyDocumentAsync(roleName, inline, ct).ConfigureAwait(false))));
                }
                catch (Exception e) when (AwsGaps.IsReadFailure(e))
                {
                    policies.Add(new RolePolicyFacts(inline, "inline", null, null, AwsGaps.From(e)));
                }
            }

            role = role with { Policies = policies };
        }
        catch (Exception e) when (AwsGaps.IsReadFailure(e))
        {
            role = role with { PoliciesGap = AwsGaps.From(e) };
        }

        if (info.PermissionsBoundaryArn is { } boundaryArn)
        {
            role = role with { PermissionsBoundary = await ManagedAsync(boundaryArn[(boundaryArn.LastIndexOf('/') + 1)..], boundaryArn, "boundary", ct).ConfigureAwait(false) };
        }

        return (role, null);
    }

    private async Task<RolePolicyFacts> ManagedAsync(string name, string arn, string kind, CancellationToken ct)
    {
        try
        {
            return new RolePolicyFacts(name, kind, arn, PolicyText.Normalize(await source.GetManagedPolicyDocumentAsync(arn, ct).ConfigureAwait(false)));
        }
        catch (Exception e) when (AwsGaps.IsReadFailure(e))
        {
            return new RolePolicyFacts(name, kind, arn, null, AwsGaps.From(e));
        }
    }
}
