namespace Cargo.Doctor.IamPolicies;

/// <summary>Ordered from best to worst so the worst of several can be taken with <c>Max</c>.</summary>
public enum TrustStatus
{
    Pass,
    Warn,
    Fail,
}
