using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;

namespace Cargo.Doctor.Tests.Aws;

/// <summary>
/// Redshift (provisioned): https://docs.aws.amazon.com/redshift/latest/APIReference/ (DescribeClusters,
/// ModifyClusterIamRoles, ModifyCluster).
/// </summary>
public sealed partial class FakeAwsAccount
{
    private const string RedshiftNs = "http://redshift.amazonaws.com/doc/2012-12-01/";

    private FakeAwsResponse? Redshift(string operation, IReadOnlyDictionary<string, string> form)
    {
        var id = form.GetValueOrDefault("ClusterIdentifier", "");
        if (operation is not ("DescribeClusters" or "ModifyClusterIamRoles" or "ModifyCluster"))
        {
            return null;
        }

        if (!Clusters.TryGetValue(id, out var cluster))
        {
            return QueryError(404, "ClusterNotFound", $"Cluster {id} not found.");
        }

        // While a change is applied, another is refused (https://docs.aws.amazon.com/redshift/latest/APIReference/API_ModifyCluster.html,
        // "InvalidClusterState: The specified cluster is not in the available state"); a read shows it busy.
        if (operation != "DescribeClusters" && cluster.BusyReadsLeft > 0)
        {
            return QueryError(400, "InvalidClusterState", "There is an operation running on the Cluster. Please try to modify it later.");
        }

        if (operation != "DescribeClusters")
        {
            cluster.BusyReadsLeft = cluster.BusyReadsAfterChange;
            cluster.RolesBeingAdded = List(form, "AddIamRoles");
        }
        else if (cluster.BusyReadsLeft > 0)
        {
            cluster.BusyReadsLeft--;
            return DescribeClusters(null, ClusterXml(cluster, busy: true));
        }

        switch (operation)
        {
            case "ModifyClusterIamRoles":
                // Appended as given, so that attaching a role twice would show in the state.
                cluster.IamRoles.AddRange(List(form, "AddIamRoles"));
                cluster.IamRoles.RemoveAll(List(form, "RemoveIamRoles").Contains);
                return RedshiftResult("ModifyClusterIamRoles", ClusterXml(cluster));
            case "ModifyCluster":
                if (form.TryGetValue("PubliclyAccessible", out var accessible))
                {
                    cluster.PubliclyAccessible = accessible == "true";
                }

                return RedshiftResult("ModifyCluster", ClusterXml(cluster));
            default:
                return DescribeClusters(null, ClusterXml(cluster));
        }
    }

    private string ClusterXml(FakeCluster cluster, bool busy = false) => Cluster(
        cluster.Id,
        status: busy ? "modifying" : "available",
        publiclyAccessible: cluster.PubliclyAccessible,
        securityGroupIds: [.. cluster.SecurityGroupIds],
        iamRoles: [.. cluster.IamRoles.Select(arn => (arn, busy && cluster.RolesBeingAdded.Contains(arn) ? "adding" : "in-sync"))],
        port: cluster.Port,
        networkXml: ClusterNetworkXml(cluster),
        enhancedVpcRouting: cluster.EnhancedVpcRouting);

    private static FakeAwsResponse RedshiftResult(string action, string cluster) => FakeAwsResponse.Xml(
        $"<{action}Response xmlns=\"{RedshiftNs}\"><{action}Result>{cluster}</{action}Result><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></{action}Response>");
}
