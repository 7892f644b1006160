using System.Text.Json;

namespace AssetService.Tests.Infra;

/// <summary>
/// Security and wiring checks on the ARM template compiled from infra/main.bicep (run infra/build.sh
/// first). Values may be ARM expressions ("[parameters('x')]"); the tests assert on what is literally
/// in the template.
/// </summary>
public sealed class InfraTemplateTests
{
    private const string PostgresServer = "Microsoft.DBforPostgreSQL/flexibleServers";
    private const string Site = "Microsoft.Web/sites";
    private const string RoleAssignment = "Microsoft.Authorization/roleAssignments";

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
    public void Postgres_registers_the_managed_identity_as_entra_administrator()
    {
        var admins = Template.OfType("Microsoft.DBforPostgreSQL/flexibleServers/administrators");

        var identityAdmin = Assert.Single(admins, a => a.Name.Contains("identityPrincipalId", StringComparison.Ordinal));
        Assert.Equal("ServicePrincipal", identityAdmin.GetString("properties", "principalType"));
        AssertReferencesIdentityOutput(identityAdmin.ModuleParameter("identityPrincipalId"), "principalId");
        AssertReferencesIdentityOutput(identityAdmin.ModuleParameter("identityName"), "name");
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
            foreach (var (property, value) in Descendants(resource.Element).Where(p => tlsProperties.Contains(p.Name)))
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

    [Fact]
    public void Function_app_is_https_only()
    {
        Assert.True(Template.Single(Site).Get("properties", "httpsOnly")?.GetBoolean(), "The Function App must be HTTPS only.");
    }

    [Fact]
    public void Function_app_disables_basic_publishing_credentials()
    {
        var policies = Template.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies");

        foreach (var kind in new[] { "ftp", "scm" })
        {
            var policy = Assert.Single(policies, p => p.Name.EndsWith($"'{kind}')]", StringComparison.Ordinal) || p.Name.EndsWith($"/{kind}", StringComparison.Ordinal));
            Assert.False(policy.Get("properties", "allow")?.GetBoolean() ?? true, $"{kind} basic publishing credentials must be disabled.");
        }
    }

    [Fact]
    public void Function_app_runs_dotnet_isolated_10_on_flex_consumption()
    {
        var plan = Template.Single("Microsoft.Web/serverfarms");
        var site = Template.Single(Site);

        Assert.Equal("FC1", plan.GetString("sku", "name"));
        Assert.Equal("FlexConsumption", plan.GetString("sku", "tier"));
        Assert.Equal("dotnet-isolated", site.GetString("properties", "functionAppConfig", "runtime", "name"));
        Assert.Equal("10.0", site.GetString("properties", "functionAppConfig", "runtime", "version"));
    }

    [Fact]
    public void Function_app_reads_its_deployment_package_with_the_user_assigned_identity()
    {
        var site = Template.Single(Site);

        Assert.Equal("UserAssigned", site.GetString("identity", "type"));
        Assert.Equal("UserAssignedIdentity", site.GetString("properties", "functionAppConfig", "deployment", "storage", "authentication", "type"));
        Assert.Equal(
            "[parameters('identityId')]",
            site.GetString("properties", "functionAppConfig", "deployment", "storage", "authentication", "userAssignedIdentityResourceId"));
        AssertReferencesIdentityOutput(site.ModuleParameter("identityId"), "id");
    }

    [Fact]
    public void Managed_identity_has_every_required_role_assignment()
    {
        var expected = new Dictionary<string, string>
        {
            ["Azure Service Bus Data Receiver"] = "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0",
            ["Storage Blob Data Owner"] = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
            ["Storage Queue Data Contributor"] = "974c5e8b-45b9-4653-ba55-5f855dd0fb88",
            ["Storage Table Data Contributor"] = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
            ["Monitoring Metrics Publisher"] = "3913510d-42f4-4e42-8a64-420c390055eb",
        };
        var assignments = Template.OfType(RoleAssignment);

        var missing = expected
            .Where(role => !assignments.Any(a => (a.GetString("properties", "roleDefinitionId") ?? "").Contains(role.Value, StringComparison.OrdinalIgnoreCase)))
            .Select(role => $"{role.Key} ({role.Value})")
            .ToList();
        Assert.True(missing.Count == 0, "Missing role assignments: " + string.Join(", ", missing));

        Assert.All(assignments, assignment =>
        {
            var principal = assignment.GetString("properties", "principalId") ?? "";
            Assert.Contains("Microsoft.ManagedIdentity/userAssignedIdentities", principal, StringComparison.Ordinal);
            Assert.Contains("principalId", principal, StringComparison.Ordinal);
            Assert.Equal("ServicePrincipal", assignment.GetString("properties", "principalType"));
            // The identity the assignments look up must be the one the app runs as.
            AssertReferencesIdentityOutput(assignment.ModuleParameter("identityName"), "name");
        });
    }

    [Fact]
    public void Function_app_settings_hold_no_secrets()
    {
        var forbidden = new[] { "AccountKey=", "SharedAccessKey", "SharedAccessSignature", "Password=", "password=", "Pwd=", "listKeys(", "listKeys", "primaryKey", "InstrumentationKey=" };
        var settings = AppSettings(Template.Single(Site));

        Assert.NotEmpty(settings);
        var leaks = new List<string>();
        foreach (var (name, value) in settings)
        {
            // The Application Insights connection string legitimately carries an instrumentation key (not
            // a secret; ingestion also needs an Entra token since local auth is disabled).
            var allowed = name == "APPLICATIONINSIGHTS_CONNECTION_STRING" ? new[] { "InstrumentationKey=" } : [];
            leaks.AddRange(forbidden.Except(allowed)
                .Where(f => value.Contains(f, StringComparison.OrdinalIgnoreCase))
                .Select(f => $"{name} contains '{f}'"));
            if (name.EndsWith("__connectionString", StringComparison.OrdinalIgnoreCase) || name.Equals("AzureWebJobsStorage", StringComparison.OrdinalIgnoreCase))
            {
                leaks.Add($"{name} is a key-based connection string; use __fullyQualifiedNamespace/__accountName with managedidentity");
            }
        }

        Assert.True(leaks.Count == 0, "Secrets in app settings: " + string.Join("; ", leaks));
    }

    [Fact]
    public void Function_app_settings_use_identity_based_connections()
    {
        var site = Template.Single(Site);
        var settings = AppSettings(site);

        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Equal("managedidentity", settings["ServiceBusConnection__credential"]);
        Assert.Equal("[parameters('identityClientId')]", settings["AzureWebJobsStorage__clientId"]);
        Assert.Equal("[parameters('identityClientId')]", settings["ServiceBusConnection__clientId"]);
        Assert.Equal("[parameters('identityClientId')]", settings["AZURE_CLIENT_ID"]);
        Assert.True(settings.ContainsKey("AzureWebJobsStorage__accountName"));
        Assert.True(settings.ContainsKey("ServiceBusConnection__fullyQualifiedNamespace"));
        Assert.Contains("Authorization=AAD", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], StringComparison.Ordinal);
        Assert.True(settings.ContainsKey("APPLICATIONINSIGHTS_CONNECTION_STRING"));
        Assert.Equal("[parameters('dispatchQueueName')]", settings["DispatchQueueName"]);
        Assert.Equal("[parameters('statusQueueName')]", settings["StatusQueueName"]);
        Assert.Equal("dispatches", Template.ModuleParameter(site, "dispatchQueueName"));
        Assert.Equal("asset-status", Template.ModuleParameter(site, "statusQueueName"));
        Assert.Equal("true", settings["PostgresUseEntraAuth"]);

        var postgres = settings["PostgresConnection"];
        foreach (var part in new[] { "Host=", "Database=", "Username=", "Ssl Mode=Require" })
        {
            Assert.Contains(part, postgres, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Template_never_reads_keys_or_connection_strings_with_keys()
    {
        var raw = Template.Root.GetRawText();

        Assert.DoesNotContain("listKeys(", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listConnectionStrings(", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AccountKey=", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SharedAccessKey", raw, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Template_outputs_the_app_url_and_resource_names()
    {
        Assert.True(Template.Root.TryGetProperty("outputs", out var outputs), "The template has no outputs.");
        var names = outputs.EnumerateObject().Select(o => o.Name).ToHashSet();

        foreach (var expected in new[]
        {
            "functionAppUrl", "functionAppName", "postgresServerFqdn", "postgresDatabaseName",
            "serviceBusNamespaceFqdn", "managedIdentityClientId", "storageAccountName",
        })
        {
            Assert.Contains(expected, names);
        }
    }

    private static Dictionary<string, string> AppSettings(ArmResource site)
    {
        var settings = site.Get("properties", "siteConfig", "appSettings");
        Assert.True(settings is { ValueKind: JsonValueKind.Array }, "The Function App has no siteConfig.appSettings array.");
        return settings.Value.EnumerateArray().ToDictionary(
            s => s.GetProperty("name").GetString() ?? "",
            s => s.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "",
            StringComparer.Ordinal);
    }

    /// <summary>
    /// Asserts that a module parameter value designates the app's managed identity: it reads the given
    /// output of the identity module, or it is the very expression the identity module is named with.
    /// </summary>
    private static void AssertReferencesIdentityOutput(string? value, string output)
    {
        Assert.NotNull(value);
        var identityModule = Assert.Single(
            Template.OfType("Microsoft.Resources/deployments"),
            d => d.Name == "identity" && d.Deployment is null);
        var identityName = identityModule.GetString("properties", "parameters", "name", "value");

        var readsOutput = value!.Contains("'Microsoft.Resources/deployments', 'identity')", StringComparison.Ordinal)
            && value.Contains($".outputs.{output}.value", StringComparison.Ordinal);
        var isSameName = output == "name" && value == identityName;
        Assert.True(readsOutput || isSameName, $"Expected the managed identity's {output}, got {value}");
    }

    private static IEnumerable<(string Name, JsonElement Value)> Descendants(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    yield return (property.Name, property.Value);
                    foreach (var nested in Descendants(property.Value))
                    {
                        yield return nested;
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var nested in Descendants(item))
                    {
                        yield return nested;
                    }
                }

                break;
        }
    }
}
