using Amazon.EC2;
using Amazon.EC2.Model;
using Cargo.Doctor.AwsApi.Model;
using SecurityGroup = Cargo.Doctor.AwsApi.Model.SecurityGroup;

namespace Cargo.Doctor.AwsApi.Clients;

/// <summary>Thin wrapper over AWSSDK.EC2 DescribeSecurityGroups returning our own records.</summary>
public sealed partial class Ec2Client : IDisposable
{
    private const string Operation = "DescribeSecurityGroups";

    private readonly AwsCredentialSource credentials;
    private readonly AwsClientOptions options;
    private readonly Uri? endpointOverride;
    private readonly AwsRetryPolicy retry;
    private readonly SdkCallFailure failure;
    private readonly Uri resolvedEndpoint;
    private readonly SdkBodyCap bodyCap;
    private readonly SemaphoreSlim createLock = new(1, 1);
    private AmazonEC2Client? sdkClient;

    internal Ec2Client(
        AwsCredentialSource credentials, AwsEndpointResolver endpoints, AwsClientOptions options, int maxAttempts, AwsRetryQuota retryQuota, SdkBodyCap bodyCap)
    {
        this.bodyCap = bodyCap;
        this.credentials = credentials;
        this.options = options;
        endpointOverride = endpoints.ResolveOverride(AwsService.Ec2, options);
        retry = new AwsRetryPolicy(maxAttempts, options.RetryDelay, retryQuota);
        resolvedEndpoint = endpoints.Resolve(AwsService.Ec2, options);
        failure = new SdkCallFailure(AwsService.Ec2, Operation, resolvedEndpoint, options, credentials);
    }

    public Task<IReadOnlyList<SecurityGroup>> DescribeSecurityGroupsAsync(
        IReadOnlyList<string> groupIds, CancellationToken cancellationToken = default) =>
        retry.ExecuteAsync(ct => DescribeOnceAsync(groupIds, ct), cancellationToken);

    public void Dispose()
    {
        sdkClient?.Dispose();
        createLock.Dispose();
    }

    private async Task<IReadOnlyList<SecurityGroup>> DescribeOnceAsync(
        IReadOnlyList<string> groupIds, CancellationToken cancellationToken)
    {
        var client = await GetSdkClientAsync().ConfigureAwait(false);
        var groups = new List<SecurityGroup>();
        string? nextToken = null;
        do
        {
            var request = new DescribeSecurityGroupsRequest { GroupIds = [.. groupIds], NextToken = nextToken };
            DescribeSecurityGroupsResponse response;
            try
            {
                response = await client.DescribeSecurityGroupsAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (SdkCallFailure.IsCallFailure(e, cancellationToken))
            {
                throw failure.Translate(e);
            }

            groups.AddRange((response.SecurityGroups ?? []).Select(ToRecord));
            nextToken = response.NextToken;
        }
        while (!string.IsNullOrEmpty(nextToken));

        return groups;
    }

    private async Task<AmazonEC2Client> GetSdkClientAsync()
    {
        if (sdkClient is not null)
        {
            return sdkClient;
        }

        var awsCredentials = await credentials.GetAsync(AwsService.Ec2, Operation).ConfigureAwait(false);
        await createLock.WaitAsync().ConfigureAwait(false);
        try
        {
            return sdkClient ??= new AmazonEC2Client(awsCredentials, BuildConfig());
        }
        finally
        {
            createLock.Release();
        }
    }

    private AmazonEC2Config BuildConfig() => SdkClientSettings.Configure(new AmazonEC2Config(), options, endpointOverride, bodyCap);

    // Deliberately a second reading beside AwsEvidenceSource.DescribeSecurityGroupsAsync: here AWSSDK.EC2 has
    // parsed the XML into its objects, there the CLI's JSON is read; both fill the same records.
    private static SecurityGroup ToRecord(Amazon.EC2.Model.SecurityGroup group) => new(
        group.GroupId,
        group.GroupName,
        (group.IpPermissions ?? []).Select(ToRecord).ToList());

    private static SecurityGroupPermission ToRecord(IpPermission permission) => new(
        permission.IpProtocol,
        permission.FromPort,
        permission.ToPort,
        (permission.Ipv4Ranges ?? []).Select(r => r.CidrIp).ToList(),
        (permission.Ipv6Ranges ?? []).Select(r => r.CidrIpv6).ToList(),
        (permission.PrefixListIds ?? []).Select(p => p.Id).ToList(),
        (permission.UserIdGroupPairs ?? []).Select(p => p.GroupId).ToList());
}
