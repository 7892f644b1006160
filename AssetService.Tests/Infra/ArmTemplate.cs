using System.Text.Json;

namespace AssetService.Tests.Infra;

/// <summary>A resource of the compiled template, with the nested deployment (module) that declares it.</summary>
internal sealed record ArmResource(JsonElement Element, ArmResource? Deployment)
{
    public string Type => Element.TryGetProperty("type", out var type) ? type.GetString() ?? "" : "";

    public string Name => Element.TryGetProperty("name", out var name) ? name.GetString() ?? "" : "";

    public bool IsOfType(string type) => string.Equals(Type, type, StringComparison.OrdinalIgnoreCase);

    /// <summary>Follows a path of property names; null when any step is missing.</summary>
    public JsonElement? Get(params string[] path)
    {
        var current = Element;
        foreach (var step in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(step, out current))
            {
                return null;
            }
        }

        return current;
    }

    public string? GetString(params string[] path)
    {
        var value = Get(path);
        return value is { ValueKind: JsonValueKind.String } ? value.Value.GetString() : null;
    }

    /// <summary>The value (often an ARM expression) the enclosing module deployment passes for a parameter.</summary>
    public string? ModuleParameter(string name) =>
        Deployment?.GetString("properties", "parameters", name, "value");

    public override string ToString() => $"{Type} {Name}";
}

/// <summary>
/// The ARM JSON compiled from infra/main.bicep by infra/build.sh. Module resources sit inside nested
/// Microsoft.Resources/deployments; <see cref="Resources"/> lists them all, at any depth.
/// </summary>
internal sealed class ArmTemplate
{
    private static readonly Lazy<ArmTemplate> Compiled = new(Load);

    private ArmTemplate(JsonDocument document, IReadOnlyList<ArmResource> resources)
    {
        Document = document;
        Resources = resources;
    }

    public static ArmTemplate Main => Compiled.Value;

    public static string RepositoryRoot => FindRepositoryRoot();

    public JsonDocument Document { get; }

    public IReadOnlyList<ArmResource> Resources { get; }

    public JsonElement Root => Document.RootElement;

    public IReadOnlyList<ArmResource> OfType(string type) => Resources.Where(r => r.IsOfType(type)).ToList();

    public ArmResource Single(string type)
    {
        var matches = OfType(type);
        Assert.True(matches.Count == 1, $"Expected exactly one {type} in the template, found {matches.Count}.");
        return matches[0];
    }

    /// <summary>
    /// Resolves a value to a literal when it is one, or an expression that is just a top-level variable
    /// holding a literal string ("[variables('x')]"); returns other expressions unchanged.
    /// </summary>
    public string? Resolve(string? value)
    {
        const string prefix = "[variables('";
        const string suffix = "')]";
        if (value is null || !value.StartsWith(prefix, StringComparison.Ordinal) || !value.EndsWith(suffix, StringComparison.Ordinal))
        {
            return value;
        }

        var name = value[prefix.Length..^suffix.Length];
        return Root.TryGetProperty("variables", out var variables)
            && variables.TryGetProperty(name, out var variable)
            && variable.ValueKind == JsonValueKind.String
                ? variable.GetString()
                : value;
    }

    /// <summary>The resolved value the module declaring <paramref name="resource"/> receives for a parameter.</summary>
    public string? ModuleParameter(ArmResource resource, string name) => Resolve(resource.ModuleParameter(name));

    private static ArmTemplate Load()
    {
        var root = FindRepositoryRoot();
        var path = Path.Combine(root, "infra", "bin", "main.json");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"{path} not found: run infra/build.sh first (it compiles infra/main.bicep to infra/bin/main.json).");
        }

        var document = JsonDocument.Parse(File.ReadAllText(path));
        var resources = new List<ArmResource>();
        Collect(document.RootElement, deployment: null, resources);
        return new ArmTemplate(document, resources);
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AssetService.sln"))
                || File.Exists(Path.Combine(directory.FullName, "AssetService.slnx"))
                || File.Exists(Path.Combine(directory.FullName, "infra", "main.bicep")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No directory above {AppContext.BaseDirectory} contains AssetService.sln or infra/main.bicep.");
    }

    // Bicep emits "resources" as an array, or (languageVersion 2.0) as an object keyed by symbolic name.
    private static void Collect(JsonElement template, ArmResource? deployment, List<ArmResource> into)
    {
        if (!template.TryGetProperty("resources", out var resources))
        {
            return;
        }

        var elements = resources.ValueKind switch
        {
            JsonValueKind.Array => resources.EnumerateArray().ToList(),
            JsonValueKind.Object => resources.EnumerateObject().Select(p => p.Value).ToList(),
            _ => [],
        };

        foreach (var element in elements)
        {
            var resource = new ArmResource(element, deployment);
            into.Add(resource);
            if (resource.IsOfType("Microsoft.Resources/deployments")
                && resource.Get("properties", "template") is { ValueKind: JsonValueKind.Object } nested)
            {
                Collect(nested, resource, into);
            }
        }
    }
}
