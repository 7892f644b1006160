using System.Text.Json;

namespace AssetService.Tests.Infra;

/// <summary>
/// PostgreSQL, Service Bus, storage and monitoring in the ARM template compiled from infra/main.bicep (run
/// infra/build.sh first). Values may be ARM expressions; the tests assert on what is literally in the template.
/// </summary>
public sealed class DataServicesTemplateTests
{
    private const string PostgresServer = "Microsoft.DBforPostgreSQL/flexibleServers";
    private const string Site = "Microsoft.Web/sites";

    private static ArmTemplate Template => ArmTemplate.Main;

    [Fact]
    public void Postgres_server_disables_password_authentication()
    {
        var server = Template.Single(PostgresServer);

        Assert.Equal("Disabled", server.GetString("properties", "authConfig", "passwordAuth"));
        Assert.Null(server.Get("properties", "administratorLogin"));
        Assert.Null(server.Get("properties", "administratorLoginPassword"));
    }

    [Fact]
    public void Postgres_server_enables_entra_authentication()
    {
        var server = Template.Single(PostgresServer);

        Assert.Equal("Enabled", server.GetString("properties", "authConfig", "activeDirectoryAuth"));
    }

    [Fact]
    public void Postgres_server_runs_version_16()
    {
        Assert.Equal("16", Template.Single(PostgresServer).GetString("properties", "version"));
    }

    [Fact]
    public void The_only_entra_administrator_is_the_migration_admin_never_the_app_identity()
    {
        var admin = Assert.Single(Template.OfType("Microsoft.DBforPostgreSQL/flexibleServers/administrators"));

        Assert.Equal("[parameters('postgresAdminObjectId')]", admin.ModuleParameter("adminObjectId"));
        Assert.Equal("[parameters('postgresAdminName')]", admin.ModuleParameter("adminName"));
        var raw = admin.Deployment!.Get("properties", "parameters")!.Value.GetRawText();
        Assert.DoesNotContain("'identity')", raw, StringComparison.Ordinal);
        Assert.False(Template.Root.GetProperty("parameters").GetProperty("postgresAdminObjectId").TryGetProperty("defaultValue", out _),
            "The migration administrator must be given explicitly");
    }

    [Fact]
    public void Postgres_allows_the_btree_gist_extension_and_requires_tls()
    {
        var settings = Template.OfType("Microsoft.DBforPostgreSQL/flexibleServers/configurations");

        var extensions = Assert.Single(settings, s => s.Name.Contains("azure.extensions", StringComparison.Ordinal));
        Assert.Contains("BTREE_GIST", extensions.GetString("properties", "value") ?? "", StringComparison.OrdinalIgnoreCase);
        var secureTransport = Assert.Single(settings, s => s.Name.Contains("require_secure_transport", StringComparison.Ordinal));
        Assert.Equal("ON", secureTransport.GetString("properties", "value"), ignoreCase: true);
    }

    [Fact]
    public void Postgres_creates_the_asset_service_database()
    {
        var database = Assert.Single(Template.OfType("Microsoft.DBforPostgreSQL/flexibleServers/databases"));

        Assert.Equal("[format('{0}/{1}', parameters('name'), parameters('databaseName'))]", database.Name);
        Assert.Equal("asset_service", Template.ModuleParameter(database, "databaseName"));
    }

    [Fact]
    public void Every_tls_setting_requires_tls_1_2()
    {
        var tlsProperties = new[] { "minimumTlsVersion", "minTlsVersion", "scmMinTlsVersion" };
        var found = new List<(ArmResource Resource, string Property, string Value)>();
        foreach (var resource in Template.Resources.Where(r => !r.IsOfType("Microsoft.Resources/deployments")))
        {
            foreach (var (property, value) in ArmChecks.Descendants(resource.Element).Where(p => tlsProperties.Contains(p.Name)))
            {
                found.Add((resource, property, value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText()));
            }
        }

        var weak = found.Where(f => f.Value is not ("TLS1_2" or "1.2")).ToList();
        Assert.True(weak.Count == 0, "TLS settings below 1.2: " + string.Join("; ", weak.Select(w => $"{w.Resource} {w.Property}={w.Value}")));

        // The check above is only meaningful if the properties are there at all.
        Assert.Equal("TLS1_2", Template.Single("Microsoft.Storage/storageAccounts").GetString("properties", "minimumTlsVersion"));
        Assert.Equal("1.2", Template.Single("Microsoft.ServiceBus/namespaces").GetString("properties", "minimumTlsVersion"));
        Assert.Equal("1.2", Template.Single(Site).GetString("properties", "siteConfig", "minTlsVersion"));
    }

    [Fact]
    public void Service_bus_disables_local_authentication()
    {
        var ns = Template.Single("Microsoft.ServiceBus/namespaces");

        Assert.True(ns.Get("properties", "disableLocalAuth")?.GetBoolean(), "Service Bus must have disableLocalAuth: true (no SAS keys).");
    }

    [Fact]
    public void Service_bus_queues_set_delivery_count_lock_duration_and_dead_lettering()
    {
        var queues = Template.OfType("Microsoft.ServiceBus/namespaces/queues");

        Assert.Equal(2, queues.Count);
        Assert.Equal("dispatches", Template.ModuleParameter(queues[0], "dispatchQueueName"));
        Assert.Equal("asset-status", Template.ModuleParameter(queues[0], "statusQueueName"));
        Assert.All(queues, queue =>
        {
            Assert.True(queue.Get("properties", "maxDeliveryCount")?.GetInt32() > 0, $"{queue}: maxDeliveryCount");
            Assert.StartsWith("PT", queue.GetString("properties", "lockDuration") ?? "", StringComparison.Ordinal);
            Assert.True(queue.Get("properties", "deadLetteringOnMessageExpiration")?.GetBoolean(), $"{queue}: deadLetteringOnMessageExpiration");
        });
    }

    [Fact]
    public void Storage_account_disables_shared_key_and_public_blob_access()
    {
        var storage = Template.Single("Microsoft.Storage/storageAccounts");

        Assert.False(storage.Get("properties", "allowSharedKeyAccess")?.GetBoolean() ?? true, "allowSharedKeyAccess must be false.");
        Assert.False(storage.Get("properties", "allowBlobPublicAccess")?.GetBoolean() ?? true, "allowBlobPublicAccess must be false.");
    }

    [Fact]
    public void Application_insights_disables_local_authentication()
    {
        var component = Template.Single("Microsoft.Insights/components");

        Assert.True(component.Get("properties", "DisableLocalAuth")?.GetBoolean(), "Application Insights must have DisableLocalAuth: true.");
    }
}
