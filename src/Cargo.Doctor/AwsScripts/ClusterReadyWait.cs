using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.AwsScripts;

/// <summary>
/// A bash function that waits, between two modifying calls on one provisioned cluster, until the cluster is
/// <c>available</c> and every attached role is <c>in-sync</c>: a second call while the first is applied fails
/// with InvalidClusterState (the Errors sections of https://docs.aws.amazon.com/redshift/latest/APIReference/API_ModifyCluster.html
/// and https://docs.aws.amazon.com/redshift/latest/APIReference/API_ModifyClusterIamRoles.html),
/// and <c>aws redshift wait cluster-available</c> polls every 60 s and ignores ApplyStatus
/// (https://docs.aws.amazon.com/cli/latest/reference/redshift/wait/cluster-available.html). The interval is
/// <see cref="IntervalVariable"/> seconds (default 15; tests set 0), for at most <see cref="Tries"/> reads.
/// </summary>
public static class ClusterReadyWait
{
    public const string IntervalVariable = "CARGO_DOCTOR_POLL_SECONDS";

    public const int Tries = 240;

    public const string FunctionName = "wait_cluster_ready";

    /// <summary>The function definition (bash 3.2: no bash 4 feature, no empty-array expansion).</summary>
    public static string Function => $$"""
        # {{FunctionName}} CLUSTER REGION: waits until the cluster is available and no attached role is
        # being added or removed, polling every ${{{IntervalVariable}}:-15} seconds (at most {{Tries}} times).
        {{FunctionName}}() {
          local tries=0 state status busy
          while :; do
            state=$(aws redshift describe-clusters --cluster-identifier "$1" --region "$2" \
              --query 'Clusters[0].[ClusterStatus, length(IamRoles[?ApplyStatus != `in-sync`] || `[]`)]' --output text)
            read -r status busy <<<"$state"
            if [[ $status == available && $busy == 0 ]]; then
              return 0
            fi
            tries=$((tries + 1))
            if [[ $tries -ge {{Tries}} ]]; then
              echo "cluster $1 is still busy (status $status, $busy role(s) not in-sync): run this script again later" >&2
              return 1
            fi
            sleep "${{{IntervalVariable}}:-15}"
          done
        }

        """;

    public static string Call(string clusterId, string region) => $"{FunctionName} {ShellQuote.Arg(clusterId)} {ShellQuote.Arg(region)}";
}
