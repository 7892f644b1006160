using System.Text.Json;

namespace AssetService.Tests.Infra;

/// <summary>Helpers the template tests share.</summary>
internal static class ArmChecks
{
    public static Dictionary<string, string> AppSettings(ArmResource site)
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
    public static void AssertReferencesIdentityOutput(string? value, string output)
    {
        Assert.NotNull(value);
        var identityModule = Assert.Single(
            ArmTemplate.Main.OfType("Microsoft.Resources/deployments"),
            d => d.Name == "identity" && d.Deployment is null);
        var identityName = identityModule.GetString("properties", "parameters", "name", "value");

        var readsOutput = value!.Contains("'Microsoft.Resources/deployments', 'identity')", StringComparison.Ordinal)
            && value.Contains($".outputs.{output}.value", StringComparison.Ordinal);
        var isSameName = output == "name" && value == identityName;
        Assert.True(readsOutput || isSameName, $"Expected the managed identity's {output}, got {value}");
    }

    public static IEnumerable<(string Name, JsonElement Value)> Descendants(JsonElement element)
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
