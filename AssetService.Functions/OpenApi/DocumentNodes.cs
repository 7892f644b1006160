using System.Text.Json.Nodes;

namespace AssetService.Functions.OpenApi;

/// <summary>Walks a document being built.</summary>
internal static class DocumentNodes
{
    /// <summary>Every member of every object at or below <paramref name="node"/>, parents before their children.</summary>
    public static IEnumerable<KeyValuePair<string, JsonNode?>> Members(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Members(p.Value).Prepend(p)),
        JsonArray array => array.SelectMany(Members),
        _ => [],
    };
}
