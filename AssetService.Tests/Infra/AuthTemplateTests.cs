namespace AssetService.Tests.Infra;

/// <summary>
/// docs/decisions.md "Keys and tokens": the host does not check keys, the app checks the key digest and Entra
/// tokens itself, so the deployed app must receive the issuer, audience and key digest, and no Easy Auth.
/// </summary>
public sealed class AuthTemplateTests
{
    private static ArmTemplate Template => ArmTemplate.Main;

    private static ArmResource Module(string name) =>
        Assert.Single(Template.OfType("Microsoft.Resources/deployments"), d => d.Name == name && d.Deployment is null);

    [Fact]
    public void Function_app_receives_issuer_audience_and_key_digest_from_the_auth_module()
    {
        var settings = ArmChecks.AppSettings(Template.Single("Microsoft.Web/sites"));
        Assert.Equal("[parameters('auth').issuer]", settings["ASSET_SERVICE_JWT_ISSUER"]);
        Assert.Equal("[parameters('auth').audience]", settings["ASSET_SERVICE_JWT_AUDIENCE"]);
        Assert.Equal("[parameters('auth').apiKeySha256]", settings["ASSET_SERVICE_API_KEY_SHA256"]);
        Assert.DoesNotContain("ASSET_SERVICE_API_KEY", settings.Keys); // never the key itself
        Assert.Equal("[reference(resourceId('Microsoft.Resources/deployments', 'auth'), '2025-04-01').outputs.settings.value]",
            Module("functionapp").GetString("properties", "parameters", "auth", "value"));
    }

    [Fact]
    public void Tokens_are_checked_against_the_tenants_v2_issuer_and_only_when_an_audience_is_given()
    {
        var auth = Module("auth");
        Assert.Equal("[if(empty(parameters('audience')), '', format('{0}{1}/v2.0', environment().authentication.loginEndpoint, parameters('tenantId')))]",
            auth.GetString("properties", "template", "variables", "issuer"));
        Assert.Equal("[parameters('authTenantId')]", auth.GetString("properties", "parameters", "tenantId", "value"));
        Assert.Equal("[tenant().tenantId]", Template.Root.GetProperty("parameters").GetProperty("authTenantId").GetProperty("defaultValue").GetString());
        Assert.Equal("", Template.Root.GetProperty("parameters").GetProperty("authAudience").GetProperty("defaultValue").GetString());
        Assert.Equal("", Template.Root.GetProperty("parameters").GetProperty("apiKeySha256").GetProperty("defaultValue").GetString());
    }

    [Fact]
    public void Easy_auth_is_not_switched_on_so_the_app_answers_every_401_and_403_itself() =>
        Assert.DoesNotContain(Template.Resources, r => r.Type.StartsWith("Microsoft.Web/sites/config", StringComparison.OrdinalIgnoreCase)
            && (r.Name.Contains("authsettings", StringComparison.OrdinalIgnoreCase) || r.GetString("properties", "platform", "enabled") is not null));
}
