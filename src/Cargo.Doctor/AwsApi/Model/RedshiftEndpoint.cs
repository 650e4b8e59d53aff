namespace Cargo.Doctor.AwsApi.Model;

public sealed record RedshiftEndpoint(string Address, int Port);
