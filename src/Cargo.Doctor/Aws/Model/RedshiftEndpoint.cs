namespace Cargo.Doctor.Aws;

public sealed record RedshiftEndpoint(string Address, int Port);
