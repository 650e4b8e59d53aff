using System.Text.RegularExpressions;
using Cargo.Doctor.Facts;

namespace Cargo.Doctor.ProbeErrors;

/// <summary>One row of the classifier table: a documented error text, what it means, and the catalog fix.</summary>
public sealed record ProbeErrorPattern(Regex Pattern, ProbeErrorCause Cause, string RemediationKey, string Explanation);
