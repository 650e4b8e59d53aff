using System.Diagnostics;
using System.Net;
using Cargo.Doctor.AwsApi.Clients;
using Cargo.Doctor.Config;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Network;
using Cargo.Doctor.Sources.Aws;
using Cargo.Doctor.Sources.Probes;
using Cargo.Doctor.Sources.Warehouse;

namespace Cargo.Doctor.Sources;

/// <summary>
/// Gathers facts once from every configured source (warehouse, AWS, live probes). Sources are the
/// only code that does I/O; a source that cannot answer records a gap instead of throwing.
/// </summary>
/// <param name="awsClientOptions">Overrides how AWS is reached (tests: a loopback fake); default from the config.</param>
/// <param name="resolveHost">Resolves host names (tests: a fake, so no test asks the real network); default DNS.</param>
public sealed class FactsCollector(
    DoctorConfig config,
    string? password,
    AwsClientOptions? awsClientOptions = null,
    Func<string, CancellationToken, Task<IPAddress[]>>? resolveHost = null)
{
    public StatementLog? WarehouseLog { get; private set; }

    /// <summary>The probes' own log: they run as the Cargo user on a connection of their own.</summary>
    public StatementLog ProbeLog { get; } = new();

    /// <summary>How long the AWS reads took (APIs or evidence folder); null when AWS was not configured or they did not finish.</summary>
    public TimeSpan? AwsReadTime { get; private set; }

    /// <summary>The snapshot as far as it got: after a cancellation, what each finished source gathered.</summary>
    public FactsSnapshot? Gathered { get; private set; }

    private readonly Lock _gatheredLock = new();

    /// <summary>
    /// The AWS reads and the warehouse reads run at the same time; the probes run once both finished,
    /// since they need the discovered role and whether the catalog reads could connect.
    /// </summary>
    public async Task<FactsSnapshot> CollectAsync(DateTimeOffset startedAt, CancellationToken ct)
    {
        // Planned first: a round-trip target the config cannot use is refused before anything connects.
        var probePlan = ProbePlan.Create(config, startedAt);
        var facts = new FactsSnapshot
        {
            ToolVersion = ToolVersion.Current,
            StartedAt = startedAt,
            Target = Describe(config),
            Notes = [.. CargoIpRanges.WideRangeNotes(config.Cargo.Ips)],
        };
        Gathered = facts;

        var awsRead = config.Aws.IsConfigured ? ReadAwsAsync(ct) : Task.FromResult<AwsFacts?>(null);
        // An AWS read that throws (a usage error only the evidence folder reveals) stops the warehouse
        // read too, as when it ran first: the run ends with that error, not with half a warehouse read.
        using var awsFailed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _ = awsRead.ContinueWith(_ => awsFailed.Cancel(), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        var warehouseRead = config.Warehouse.Host is null ? Task.FromResult<WarehouseFacts?>(null) : ReadWarehouseAsync(awsRead, startedAt, awsFailed.Token);
        await Task.WhenAll(awsRead, warehouseRead);
        var (aws, warehouse) = (await awsRead, await warehouseRead);
        facts = facts with { Aws = aws, Warehouse = warehouse };

        // The round trip chains the customer's role: use the one the AWS checks discovered when none was given.
        if (config.Aws.RoleArn is null && aws?.Role is { Exists: true } discovered)
        {
            var withDiscovered = config with { Aws = config.Aws with { RoleArn = discovered.Arn } };
            if (RoundTripTarget.Unusable(withDiscovered) is { } why)
            {
                // A role name IAM allows but the round trip's chain cannot carry (e.g. a comma) is not
                // the user's typing error: the round trip is skipped with why, the run goes on.
                facts = facts with { Notes = [.. facts.Notes, $"the discovered role {discovered.Arn} cannot be used for the round trip: {why}"] };
            }
            else
            {
                probePlan = ProbePlan.Create(withDiscovered, startedAt);
            }
        }

        Gathered = facts;
        if (warehouse is not null)
        {
            // An unreachable database is tried once per run: when the reads could not connect, the probes do not try again.
            if (warehouse.Databases.FirstOrDefault(d => d.Name == probePlan.Database)?.Connection is { Succeeded: false } failed)
            {
                probePlan = probePlan.WithUnreachableDatabase(failed.FailureMessage ?? failed.FailureKind ?? "failed");
            }
            var probes = await ProbeRunner.ForWarehouse(probePlan, config.Warehouse, password, ProbeLog).RunAsync(ct);
            facts = facts with { Probes = probes, Notes = [.. facts.Notes, .. ProbeNotes.For(probes)] };
            Gathered = facts;
        }

        return facts;
    }

    private async Task<AwsFacts?> ReadAwsAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var aws = await AwsFactsSource.ReadAsync(config, awsClientOptions, resolveHost, ct);
        AwsReadTime = clock.Elapsed;
        RecordGathered(f => f with { Aws = aws });
        return aws;
    }

    private async Task<WarehouseFacts?> ReadWarehouseAsync(Task<AwsFacts?> awsRead, DateTimeOffset startedAtForHistory, CancellationToken ct)
    {
        // The customer's role is known from the config, or only once the AWS reads found it: the
        // warehouse read waits for them just before the one statement that asks about that role.
        var reader = new WarehouseFactsReader(config.Warehouse, password)
        {
            HistoryUntil = startedAtForHistory,
            AssumeRoleChainSource = config.Aws.RoleArn is null && config.Cargo.RoleArn is not null
                ? async _ => AssumeRoleChain(config, await awsRead)
                : _ => Task.FromResult(AssumeRoleChain(config, null)),
        };
        WarehouseLog = reader.Log;
        var warehouse = await reader.ReadAsync(ct);
        RecordGathered(f => f with { Warehouse = warehouse });
        return warehouse;
    }

    /// <summary>Each source adds what it gathered as it finishes, for a cancelled run's report.</summary>
    private void RecordGathered(Func<FactsSnapshot, FactsSnapshot> add)
    {
        lock (_gatheredLock)
        {
            Gathered = add(Gathered!);
        }
    }

    /// <summary>The chain COPY and UNLOAD use: the configured customer role (or the one the AWS checks found) and Cargo's role.</summary>
    private static RoleChain? AssumeRoleChain(DoctorConfig config, AwsFacts? aws)
    {
        var customer = config.Aws.RoleArn ?? (aws?.Role is { Exists: true } discovered ? discovered.Arn : null);
        return customer is not null && config.Cargo.RoleArn is { } cargo ? new RoleChain(customer, cargo) : null;
    }

    public static TargetDescription Describe(DoctorConfig config) => new()
    {
        Host = config.Warehouse.Host,
        Port = config.Warehouse.Host is null ? null : config.Warehouse.Port,
        Databases = config.Warehouse.AllDatabases,
        Schemas = config.Warehouse.Schemas.Select(s => s.ToString()).ToList(),
        User = config.Warehouse.User,
        LoginUser = config.Warehouse.LoginUser,
        SslMode = config.Warehouse.SslMode.Text(),
        FunctionRole = config.Warehouse.FunctionRole,
        Region = config.Aws.Region,
        ClusterIdentifier = config.Aws.ClusterIdentifier,
        Workgroup = config.Aws.Workgroup,
    };
}
