using System.Text.Json;
using System.Text.RegularExpressions;

namespace AssetService.Tests.Infra;

/// <summary>
/// Issue 14: the API's app registration (app roles, audience, v2.0 tokens) is part of the deployment.
/// Checked on the snapshots infra/build.sh takes of two sample deployments (infra/snapshots/): one where the
/// deployment script creates or updates the registration, one that names an existing registration.
/// Nothing here has run against a tenant: Graph's answers to the script are not verified.
/// </summary>
public sealed partial class AppRegistrationTemplateTests
{
    private const string DeploymentScript = "Microsoft.Resources/deploymentScripts";

    // Role assignments and tokens refer to a role by its id: these must never change once deployed.
    private static readonly Dictionary<string, Guid> RoleIds = new(StringComparer.Ordinal)
    {
        ["AssetService.Read"] = Guid.Parse("f05e5ba0-bd6c-49b9-a20d-bc3361154bc9"),
        ["AssetService.Write"] = Guid.Parse("70959c29-1cba-44e7-b71e-3639e4e84e4d"),
        ["AssetService.Admin"] = Guid.Parse("f6592c85-a251-42f1-9c72-5da0fdb17985"),
    };

    private static readonly Lazy<ArmSnapshot> ScriptSnapshot = new(() => ArmSnapshot.Load("app-registration-script"));
    private static readonly Lazy<ArmSnapshot> ExistingSnapshot = new(() => ArmSnapshot.Load("app-registration-existing"));

    private static ArmSnapshot WithScript => ScriptSnapshot.Value;

    private static ArmSnapshot WithExisting => ExistingSnapshot.Value;

    [Fact]
    public void Snapshots_of_both_sample_deployments_evaluate_without_diagnostics()
    {
        Assert.Empty(WithScript.Diagnostics);
        Assert.Empty(WithExisting.Diagnostics);
        Assert.NotEmpty(WithExisting.OfType("Microsoft.Web/sites"));
    }

    [Fact]
    public void Script_registers_exactly_the_three_roles_for_users_and_applications_with_v2_tokens()
    {
        var application = Application(WithScript.Single(DeploymentScript));

        Assert.Equal(2, application.GetProperty("api").GetProperty("requestedAccessTokenVersion").GetInt32());
        Assert.Equal("AzureADMyOrg", application.GetProperty("signInAudience").GetString());
        var roles = application.GetProperty("appRoles").EnumerateArray().ToList();
        Assert.Equal(["AssetService.Admin", "AssetService.Read", "AssetService.Write"],
            roles.Select(r => r.GetProperty("value").GetString()).Order(StringComparer.Ordinal));
        Assert.All(roles, role =>
        {
            Assert.Equal(["User", "Application"], role.GetProperty("allowedMemberTypes").EnumerateArray().Select(t => t.GetString()));
            Assert.True(role.GetProperty("isEnabled").GetBoolean());
            Assert.Equal(role.GetProperty("value").GetString(), role.GetProperty("displayName").GetString());
            Assert.False(string.IsNullOrWhiteSpace(role.GetProperty("description").GetString()));
        });
    }

    [Fact]
    public void Role_ids_are_fixed_guids_in_the_template_and_reach_the_script_unchanged()
    {
        var defaults = ArmTemplate.Main.Root.GetProperty("parameters").GetProperty("authAppRoles").GetProperty("defaultValue").EnumerateArray();
        var declared = defaults.ToDictionary(r => r.GetProperty("value").GetString()!, r => r.GetProperty("id").GetString()!, StringComparer.Ordinal);
        Assert.Equal(RoleIds.Keys.Order(StringComparer.Ordinal), declared.Keys.Order(StringComparer.Ordinal));
        foreach (var (value, id) in declared)
        {
            // A literal, not guid()/newGuid(): the same id on every deployment, in every environment.
            Assert.True(Guid.TryParseExact(id, "D", out var parsed), $"{value}: id '{id}' is not a literal GUID");
            Assert.Equal(RoleIds[value], parsed);
        }

        var sent = Application(WithScript.Single(DeploymentScript)).GetProperty("appRoles").EnumerateArray()
            .ToDictionary(r => r.GetProperty("value").GetString()!, r => Guid.Parse(r.GetProperty("id").GetString()!), StringComparer.Ordinal);
        Assert.Equal(RoleIds.OrderBy(r => r.Key, StringComparer.Ordinal), sent.OrderBy(r => r.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void Function_app_audience_is_the_appId_the_script_outputs()
    {
        var script = WithScript.Single(DeploymentScript);
        var scriptId = script.GetProperty("id").GetString();
        var settings = ArmChecks.AppSettings(new ArmResource(WithScript.Single("Microsoft.Web/sites"), null));

        // v2.0 access tokens carry the API's appId as aud, not its identifier URI.
        var appId = $"[reference('{scriptId}', '2023-08-01').outputs.appId]";
        Assert.Equal(appId, settings["ASSET_SERVICE_JWT_AUDIENCE"]);
        Assert.Equal(appId, WithScript.Output("apiAppId"));
        Assert.Equal($"[reference('{scriptId}', '2023-08-01').outputs.identifierUri]", WithScript.Output("apiIdentifierUri"));
        Assert.Contains("/v2.0", settings["ASSET_SERVICE_JWT_ISSUER"], StringComparison.Ordinal);
        Assert.Contains(".outputs.appId", settings["ASSET_SERVICE_JWT_ISSUER"], StringComparison.Ordinal);
    }

    [Fact]
    public void With_an_existing_registration_no_script_runs_and_the_audience_is_the_parameter()
    {
        Assert.Empty(WithExisting.OfType(DeploymentScript));
        var settings = ArmChecks.AppSettings(new ArmResource(WithExisting.Single("Microsoft.Web/sites"), null));

        var audience = WithExisting.Parameters["authAudience"];
        Assert.Equal(audience, settings["ASSET_SERVICE_JWT_AUDIENCE"]);
        Assert.Equal(audience, WithExisting.Output("apiAppId"));
        Assert.Equal("", WithExisting.Output("apiIdentifierUri"));
        Assert.Equal("[format('{0}{1}/v2.0', environment().authentication.loginEndpoint, '00000000-0000-0000-0000-00000000000b')]",
            settings["ASSET_SERVICE_JWT_ISSUER"]);
    }

    [Fact]
    public void Script_runs_as_the_given_identity_and_finds_the_registration_again_by_a_stable_unique_name()
    {
        var script = WithScript.Single(DeploymentScript);

        Assert.Equal("AzureCLI", script.GetProperty("kind").GetString());
        Assert.Equal("UserAssigned", script.GetProperty("identity").GetProperty("type").GetString());
        Assert.Equal([WithScript.Parameters["authAppRegistrationIdentityId"]],
            script.GetProperty("identity").GetProperty("userAssignedIdentities").EnumerateObject().Select(p => p.Name));
        var uniqueName = ScriptEnvironment(script)["UNIQUE_NAME"];
        Assert.Matches("^asset-service-assetsvc-snap-[a-z0-9]{13}$", uniqueName);
        Assert.Equal("", ScriptEnvironment(script)["IDENTIFIER_URI"]); // the script then sets api://<appId>
    }

    [Fact]
    public void Script_reads_only_the_variables_the_template_sets_and_writes_the_outputs_the_template_reads()
    {
        var script = WithScript.Single(DeploymentScript);
        var content = script.GetProperty("properties").GetProperty("scriptContent").GetString()!;
        var environment = ScriptEnvironment(script);

        var read = ShellVariable().Matches(content).Select(m => m.Groups[1].Value)
            .Where(name => name.Any(char.IsUpper) && !name.StartsWith("AZ_SCRIPTS_", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
        Assert.Equal(environment.Keys.Order(StringComparer.Ordinal), read.Order(StringComparer.Ordinal));
        Assert.Contains("$AZ_SCRIPTS_OUTPUT_PATH", content, StringComparison.Ordinal);
        foreach (var output in new[] { "appId", "identifierUri", "servicePrincipalId" })
        {
            Assert.Contains($"\"{output}\":\"%s\"", content, StringComparison.Ordinal);
        }

        Assert.Contains("Prefer=create-if-missing", content, StringComparison.Ordinal);
    }

    [Fact]
    public void Script_is_the_default_and_an_existing_registration_is_chosen_by_the_switch()
    {
        var parameter = ArmTemplate.Main.Root.GetProperty("parameters").GetProperty("authAppRegistration");
        Assert.Equal("Script", parameter.GetProperty("defaultValue").GetString());
        Assert.Equal(["Script", "Existing"], parameter.GetProperty("allowedValues").EnumerateArray().Select(v => v.GetString()));
        var module = Assert.Single(ArmTemplate.Main.OfType("Microsoft.Resources/deployments"), d => d.Name == "appregistration");
        Assert.Equal("[equals(parameters('authAppRegistration'), 'Script')]", module.GetString("condition"));
    }

    private static JsonElement Application(JsonElement script)
    {
        using var document = JsonDocument.Parse(ScriptEnvironment(script)["APPLICATION"]);
        return document.RootElement.Clone();
    }

    private static Dictionary<string, string> ScriptEnvironment(JsonElement script) =>
        script.GetProperty("properties").GetProperty("environmentVariables").EnumerateArray().ToDictionary(
            v => v.GetProperty("name").GetString()!, v => v.GetProperty("value").GetString()!, StringComparer.Ordinal);

    [GeneratedRegex(@"\$\{?([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ShellVariable();
}
