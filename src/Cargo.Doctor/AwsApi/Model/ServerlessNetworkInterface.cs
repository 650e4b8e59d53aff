namespace Cargo.Doctor.AwsApi.Model;

/// <summary>
/// A network interface of a workgroup's VPC endpoint (GetWorkgroup endpoint.vpcEndpoints[].networkInterfaces[]:
/// networkInterfaceId, subnetId, privateIpAddress; botocore redshift-serverless 2021-04-21 NetworkInterface,
/// https://docs.aws.amazon.com/redshift-serverless/latest/APIReference/API_NetworkInterface.html).
/// </summary>
public sealed record ServerlessNetworkInterface(string NetworkInterfaceId, string? SubnetId, string? PrivateIpAddress);
