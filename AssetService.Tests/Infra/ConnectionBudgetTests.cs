using System.Text.Json;

namespace AssetService.Tests.Infra;

/// <summary>
/// The worst case of PostgreSQL connections, computed from the compiled template (defaults) and from
/// infra/main.parameters.json: every Functions instance at its full pool must fit into PgBouncer, and
/// PgBouncer's server pool plus the reserved connections into max_connections (docs/deploy.md).
/// </summary>
public sealed class ConnectionBudgetTests
{
    private const string Configurations = "Microsoft.DBforPostgreSQL/flexibleServers/configurations";

    private static ArmTemplate Template => ArmTemplate.Main;

    public static TheoryData<string> ParameterSets => new() { "template defaults", "infra/main.parameters.json" };

    [Theory]
    [MemberData(nameof(ParameterSets))]
    public void Every_instance_at_its_full_pool_fits_pgbouncer_and_pgbouncer_fits_the_server(string parameterSet)
    {
        var budget = ConnectionBudget.From(parameterSet == "template defaults" ? Defaults() : Defaults().Concat(ParameterFile()).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value));

        Assert.True(budget.Violations().Count == 0, $"{parameterSet}: {string.Join("; ", budget.Violations())}");
    }

    [Fact]
    public void The_budget_check_fails_when_a_parameter_breaks_it()
    {
        var defaults = ConnectionBudget.From(Defaults());

        Assert.NotEmpty((defaults with { Instances = 1000 }).Violations());
        Assert.NotEmpty((defaults with { PgBouncerServerPool = defaults.MaxConnections }).Violations());
    }

    [Fact]
    public void The_app_connects_to_pgbouncer_with_the_budgeted_pool_size()
    {
        var site = Template.Single("Microsoft.Web/sites");
        var connection = ArmChecks.AppSettings(site)["PostgresConnection"];

        Assert.Contains("Port=6432;", connection, StringComparison.Ordinal);
        Assert.Contains("Maximum Pool Size={", connection, StringComparison.Ordinal);
        Assert.Contains("parameters('postgresPoolSize')", connection, StringComparison.Ordinal);
        Assert.Equal("[parameters('postgresPoolSizePerInstance')]", site.ModuleParameter("postgresPoolSize"));
        Assert.Equal("[parameters('maximumInstanceCount')]", site.Get("properties", "functionAppConfig", "scaleAndConcurrency", "maximumInstanceCount")?.GetString());
        Assert.Equal("[parameters('functionMaximumInstanceCount')]", site.ModuleParameter("maximumInstanceCount"));
    }

    [Fact]
    public void The_server_runs_pgbouncer_in_transaction_mode_with_the_budgeted_settings_and_prepared_statements()
    {
        var settings = Template.OfType(Configurations);
        string Value(string name) => Assert.Single(settings, s => s.Name.Contains($"'{name}'", StringComparison.Ordinal)).GetString("properties", "value") ?? "";

        Assert.Equal("true", Value("pgbouncer.enabled"));
        Assert.Equal("TRANSACTION", Value("pgbouncer.pool_mode"));
        Assert.Equal("[string(parameters('maxConnections'))]", Value("max_connections"));
        Assert.Equal("[string(parameters('pgbouncerDefaultPoolSize'))]", Value("pgbouncer.default_pool_size"));
        Assert.Equal("[string(parameters('pgbouncerMaxClientConnections'))]", Value("pgbouncer.max_client_conn"));
        Assert.Equal("[string(parameters('pgbouncerMaxPreparedStatements'))]", Value("pgbouncer.max_prepared_statements"));

        var postgres = Assert.Single(settings, s => s.Name.Contains("'pgbouncer.enabled'", StringComparison.Ordinal));
        Assert.Equal("[parameters('postgresMaxConnections')]", postgres.ModuleParameter("maxConnections"));
        Assert.Equal("[parameters('pgbouncerDefaultPoolSize')]", postgres.ModuleParameter("pgbouncerDefaultPoolSize"));
        Assert.Equal("[parameters('pgbouncerMaxClientConnections')]", postgres.ModuleParameter("pgbouncerMaxClientConnections"));
        // Npgsql auto-prepares up to 64 statements per connection (PostgresDataSource) when PgBouncer tracks them.
        Assert.Equal("[parameters('pgbouncerMaxPreparedStatements')]", postgres.ModuleParameter("pgbouncerMaxPreparedStatements"));
        Assert.True(Defaults()["pgbouncerMaxPreparedStatements"] >= 64);
    }

    private static Dictionary<string, int> Defaults() =>
        Template.Root.GetProperty("parameters").EnumerateObject()
            .Where(p => p.Value.TryGetProperty("defaultValue", out var d) && d.ValueKind == JsonValueKind.Number)
            .ToDictionary(p => p.Name, p => p.Value.GetProperty("defaultValue").GetInt32());

    private static Dictionary<string, int> ParameterFile()
    {
        var path = Path.Combine(ArmTemplate.RepositoryRoot, "infra", "main.parameters.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("parameters").EnumerateObject()
            .Where(p => p.Value.GetProperty("value").ValueKind == JsonValueKind.Number)
            .ToDictionary(p => p.Name, p => p.Value.GetProperty("value").GetInt32());
    }
}

/// <summary>The connection sums of docs/deploy.md.</summary>
internal sealed record ConnectionBudget(int Instances, int PoolPerInstance, int PgBouncerMaxClients, int PgBouncerServerPool, int MaxConnections)
{
    /// <summary>Connections Azure keeps for itself (replication, monitoring) out of max_connections.</summary>
    public const int AzureReserved = 15;

    /// <summary>Headroom for the administrators: the migrate step and a psql session or two, directly on 5432.</summary>
    public const int AdministratorHeadroom = 10;

    public static ConnectionBudget From(IReadOnlyDictionary<string, int> parameters) => new(
        parameters["functionMaximumInstanceCount"], parameters["postgresPoolSizePerInstance"],
        parameters["pgbouncerMaxClientConnections"], parameters["pgbouncerDefaultPoolSize"], parameters["postgresMaxConnections"]);

    public IReadOnlyList<string> Violations()
    {
        var violations = new List<string>();
        if (Instances * PoolPerInstance > PgBouncerMaxClients)
            violations.Add($"{Instances} instances x {PoolPerInstance} = {Instances * PoolPerInstance} client connections > PgBouncer max_client_conn {PgBouncerMaxClients}");
        if (PgBouncerServerPool + AdministratorHeadroom + AzureReserved > MaxConnections)
            violations.Add($"PgBouncer pool {PgBouncerServerPool} + administrators {AdministratorHeadroom} + Azure {AzureReserved} > max_connections {MaxConnections}");
        return violations;
    }
}
