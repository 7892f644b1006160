namespace AssetService.Tests.Infra;

/// <summary>The Function App, its identity, roles and app settings in the compiled ARM template.</summary>
public sealed class FunctionAppTemplateTests
{
    private const string Site = "Microsoft.Web/sites";
    private const string RoleAssignment = "Microsoft.Authorization/roleAssignments";

    private static ArmTemplate Template => ArmTemplate.Main;

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
        ArmChecks.AssertReferencesIdentityOutput(site.ModuleParameter("identityId"), "id");
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
            ArmChecks.AssertReferencesIdentityOutput(assignment.ModuleParameter("identityName"), "name");
        });
    }

    [Fact]
    public void Function_app_settings_hold_no_secrets()
    {
        var forbidden = new[] { "AccountKey=", "SharedAccessKey", "SharedAccessSignature", "Password=", "password=", "Pwd=", "listKeys(", "listKeys", "primaryKey", "InstrumentationKey=" };
        var settings = ArmChecks.AppSettings(Template.Single(Site));

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
        var settings = ArmChecks.AppSettings(site);

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
}
