using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AssetService.Core.Common;
using AssetService.Functions.Http;
using SchemaNode = System.Text.Json.Nodes.JsonObject;

namespace AssetService.Functions.OpenApi;

/// <summary>
/// Writes every operation's <c>parameters</c>: the route's parameters from the function's <c>[HttpTrigger]</c>
/// route and their <see cref="PathParameter"/> declarations, then the query parameters of each
/// <see cref="QueryShape{T}"/> that names the operation, in the order its binder reads them (the operation's
/// own binder before a shared one such as <c>as_of</c>). Shared parameters go to <c>components/parameters</c>.
/// </summary>
public static partial class ApiParameters
{
    private const string ComponentPrefix = "#/components/parameters/";

    public static void Write(SchemaNode document, SchemaSet set) => Write(document, set, QueryShapes());

    /// <summary>Writes the parameters of <paramref name="shapes"/>; throws for a parameter written by hand or an unknown operation.</summary>
    public static void Write(SchemaNode document, SchemaSet set, IReadOnlyList<IQueryShape> shapes)
    {
        var components = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
        var operations = Operations(document).ToDictionary(o => o.Id, o => o.Node);
        foreach (var shape in shapes)
            foreach (var id in shape.Operations)
                if (!operations.ContainsKey(id))
                    throw new InvalidOperationException($"A query binder names the operation {id}, which the document does not have");
        var functions = Functions();
        foreach (var (path, id, operation) in Operations(document))
        {
            if (!functions.TryGetValue(id, out var function))
                throw new InvalidOperationException($"The operation {id} is served by no function of that name");
            var routeNames = RouteParameter().Matches(function.Route).Select(m => m.Groups[1].Value).ToArray();
            var pathNames = RouteParameter().Matches(path).Select(m => m.Groups[1].Value).ToArray();
            if (!routeNames.SequenceEqual(pathNames))
                throw new InvalidOperationException($"{id}: the path {path} and the route {function.Route} name different parameters");
            var parameters = new JsonArray();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in routeNames)
            {
                var declared = PathDeclaration(function.Class, name);
                names.Add("path " + name);
                parameters.Add(Use(components, declared.Component, () => declared.Write(set)));
            }
            foreach (var parameter in shapes.Where(s => s.Operations.Contains(id)).OrderBy(s => s.Operations.Count).SelectMany(s => s.Parameters))
            {
                if (!names.Add("query " + parameter.Name))
                    throw new InvalidOperationException($"{id}: two binders read the query parameter {parameter.Name}");
                parameters.Add(Use(components, parameter.Doc?.Component, () => parameter.Write(set)));
            }
            if (parameters.Count > 0) InsertAfter(operation, "description", "parameters", parameters);
        }
        WriteOutsideTheApp(document, set);
        if (components.Count > 0)
            InsertAfter(document["components"]!.AsObject(), "securitySchemes", "parameters",
                new SchemaNode(components.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value))));
    }

    /// <summary>Every query binder: the shapes declared in Core and beside the functions (the operator page's script).</summary>
    public static IReadOnlyList<IQueryShape> QueryShapes() =>
        [.. Declarations.Of<IQueryShape>(typeof(QueryShape<>).Assembly, typeof(ApiParameters).Assembly)];

    // Operations no function of the app serves (LocalHost's dev route under x-localhost-paths): their
    // parameters from the OperationParameters declared beside the code that reads them.
    private static void WriteOutsideTheApp(SchemaNode document, SchemaSet set)
    {
        var declared = Declarations.Of<OperationParameters>(typeof(QueryShape<>).Assembly).ToDictionary(p => p.Operation);
        foreach (var (path, item) in document["x-localhost-paths"]?.AsObject() ?? [])
            foreach (var (_, node) in item!.AsObject())
            {
                var operation = node!.AsObject();
                var id = (string)operation["operationId"]!;
                if (operation["parameters"] is not null)
                    throw new InvalidOperationException($"{id}: parameters are written from the code; remove them from openapi.source.json");
                if (!declared.TryGetValue(id, out var parameters))
                    throw new InvalidOperationException($"{id} has no OperationParameters declaration beside the code that serves it");
                var pathNames = RouteParameter().Matches(path).Select(m => m.Groups[1].Value);
                if (!pathNames.SequenceEqual(parameters.Path.Select(p => p.Name)))
                    throw new InvalidOperationException($"{id}: the path {path} and its declaration name different parameters");
                var written = parameters.Path.Select(p => p.Write(set)).Concat(parameters.Headers.Select(h => h.Write(set)));
                InsertAfter(operation, "description", "parameters", new JsonArray([.. written]));
            }
    }

    // {id:int} and {file?} in a function route are {id} and {file} in the document.
    [GeneratedRegex(@"\{([^}:?]+)[^}]*\}")]
    private static partial Regex RouteParameter();

    private static IEnumerable<(string Path, string Id, SchemaNode Node)> Operations(SchemaNode document)
    {
        if (document["components"]?["parameters"] is not null)
            throw new InvalidOperationException("components/parameters is written from the binders; remove it from openapi.source.json");
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            if (item!["parameters"] is not null)
                throw new InvalidOperationException($"{path}: parameters are written from the binders; remove them from openapi.source.json");
            foreach (var (_, operation) in item.AsObject())
            {
                var id = (string)operation!["operationId"]!;
                if (operation["parameters"] is not null)
                    throw new InvalidOperationException($"{id}: parameters are written from the binders and routes; remove them from openapi.source.json");
                yield return (path, id, operation.AsObject());
            }
        }
    }

    private static Dictionary<string, FunctionRoute> Functions() =>
        FunctionRoute.DiscoverServed(typeof(ApiParameters).Assembly).ToDictionary(f => f.Name);

    private static PathParameter PathDeclaration(Type functionClass, string name) =>
        Declared(functionClass, name) ?? Declared(typeof(PathParameters), name)
        ?? throw new InvalidOperationException($"The route parameter {{{name}}} of {functionClass.Name} has no PathParameter declaration");

    private static PathParameter? Declared(Type type, string name) =>
        Declarations.In<PathParameter>(type).SingleOrDefault(parameter => parameter.Name == name);

    // A shared parameter is written once under its component, and a later use must declare the same (like SchemaSet.Define).
    private static SchemaNode Use(Dictionary<string, SchemaNode> components, string? component, Func<SchemaNode> write)
    {
        if (component is null) return write();
        var parameter = write();
        if (components.TryGetValue(component, out var defined))
        {
            if (!JsonNode.DeepEquals(defined, parameter))
                throw new InvalidOperationException($"Two declarations of the parameter {component} differ: give them different names or make them one");
        }
        else components[component] = parameter;
        return new SchemaNode { ["$ref"] = ComponentPrefix + component };
    }

    private static void InsertAfter(SchemaNode node, string after, string name, JsonNode value)
    {
        var index = node.IndexOf(after);
        node.Insert(index < 0 ? node.Count : index + 1, name, value);
    }
}
