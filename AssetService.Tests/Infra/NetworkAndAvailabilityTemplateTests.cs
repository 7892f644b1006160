using System.Text.Json;

namespace AssetService.Tests.Infra;

/// <summary>
/// Issue 24, production defaults: what the dev and production parameters files (infra/main.parameters.json,
/// infra/main.parameters.prod.json) would deploy, read from their snapshots (infra/build.sh), and one rule for every
/// deployment: no firewall rule admits all of Azure, and the app auto-prepares exactly when PgBouncer tracks
/// prepared statements.
/// </summary>
public sealed class NetworkAndAvailabilityTemplateTests
{
    private const string Servers = "Microsoft.DBforPostgreSQL/flexibleServers";
    private const string FirewallRules = "Microsoft.DBforPostgreSQL/flexibleServers/firewallRules";

    public static TheoryData<string> Deployments => new()
    {
        "main.parameters", "main.parameters.prod", "app-registration-existing", "app-registration-script", "untracked-pooler",
    };

    [Fact]
    public void Production_runs_a_zone_redundant_server_with_no_public_access_and_the_app_in_its_vnet()
    {
        var snapshot = ArmSnapshot.Load("main.parameters.prod");
        var server = snapshot.Single(Servers).GetProperty("properties");

        Assert.Equal("ZoneRedundant", server.GetProperty("highAvailability").GetProperty("mode").GetString());
        Assert.Equal("Disabled", server.GetProperty("network").GetProperty("publicNetworkAccess").GetString());
        Assert.EndsWith("/subnets/snet-postgres", server.GetProperty("network").GetProperty("delegatedSubnetResourceId").GetString(), StringComparison.Ordinal);
        Assert.Empty(snapshot.OfType(FirewallRules));
        Assert.EndsWith("/subnets/snet-functions", AppSubnet(snapshot), StringComparison.Ordinal);
        Assert.Equal("Enabled", server.GetProperty("backup").GetProperty("geoRedundantBackup").GetString());
    }

    [Fact]
    public void Dev_keeps_a_public_server_that_admits_only_the_clients_address_and_the_app_through_a_private_endpoint()
    {
        var snapshot = ArmSnapshot.Load("main.parameters");
        var server = snapshot.Single(Servers).GetProperty("properties");
        var clientAddress = ParameterFileValue("main.parameters.json", "postgresClientIpAddress");

        Assert.Equal("Enabled", server.GetProperty("network").GetProperty("publicNetworkAccess").GetString());
        var rule = Assert.Single(snapshot.OfType(FirewallRules)).GetProperty("properties");
        Assert.Equal((clientAddress, clientAddress), (rule.GetProperty("startIpAddress").GetString(), rule.GetProperty("endIpAddress").GetString()));
        var endpoint = snapshot.Single("Microsoft.Network/privateEndpoints").GetProperty("properties");
        Assert.Equal("postgresqlServer", endpoint.GetProperty("privateLinkServiceConnections")[0].GetProperty("properties").GetProperty("groupIds")[0].GetString());
        Assert.Equal("privatelink.postgres.database.azure.com", snapshot.Single("Microsoft.Network/privateDnsZones").GetProperty("name").GetString());
        Assert.EndsWith("/subnets/snet-functions", AppSubnet(snapshot), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Deployments))]
    public void No_deployment_has_a_firewall_rule_that_admits_all_of_azure(string deployment)
    {
        var rules = ArmSnapshot.Load(deployment).OfType(FirewallRules).Select(r => r.GetProperty("properties")).ToList();

        Assert.DoesNotContain(rules, r => r.GetProperty("startIpAddress").GetString() == "0.0.0.0");
        Assert.DoesNotContain("0.0.0.0", File.ReadAllText(Path.Combine(ArmTemplate.RepositoryRoot, "infra", "bin", "main.json")), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Deployments))]
    public void The_app_auto_prepares_exactly_when_pgbouncer_tracks_prepared_statements(string deployment)
    {
        var snapshot = ArmSnapshot.Load(deployment);
        var tracked = snapshot.OfType("Microsoft.DBforPostgreSQL/flexibleServers/configurations")
            .Single(c => c.GetProperty("name").GetString()!.EndsWith("/pgbouncer.max_prepared_statements", StringComparison.Ordinal))
            .GetProperty("properties").GetProperty("value").GetString();
        var site = snapshot.Single("Microsoft.Web/sites");
        var autoPrepare = site.GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings").EnumerateArray()
            .Single(s => s.GetProperty("name").GetString() == "PostgresAutoPrepare").GetProperty("value").GetString();

        Assert.Equal(int.Parse(tracked!, System.Globalization.CultureInfo.InvariantCulture) > 0 ? "true" : "false", autoPrepare);
        Assert.Equal(deployment == "untracked-pooler" ? "false" : "true", autoPrepare);
    }

    private static string? AppSubnet(ArmSnapshot snapshot) =>
        snapshot.Single("Microsoft.Web/sites").GetProperty("properties").GetProperty("virtualNetworkSubnetId").GetString();

    private static string ParameterFileValue(string file, string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(ArmTemplate.RepositoryRoot, "infra", file)));
        return document.RootElement.GetProperty("parameters").GetProperty(name).GetProperty("value").GetString()!;
    }
}
