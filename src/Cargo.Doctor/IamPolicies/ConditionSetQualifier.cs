namespace Cargo.Doctor.IamPolicies;

/// <summary>The <c>ForAnyValue:</c> / <c>ForAllValues:</c> prefix of a condition operator.</summary>
public enum ConditionSetQualifier
{
    None,
    ForAnyValue,
    ForAllValues,
}
