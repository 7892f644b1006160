using SchemaNode = System.Text.Json.Nodes.JsonObject;

namespace AssetService.Core.Common;

/// <summary>A request header an operation reads, as the document shows it; declared beside the code that reads it.</summary>
public sealed record HeaderParameter(string Name, string Description, FieldSchema Schema, bool Required = false)
{
    public SchemaNode Write(SchemaSet set) => ParameterObject.Write(Name, "header", Required, Description, Schema.Use(set, nullable: false));
}

/// <summary>
/// The path and header parameters of an operation that no function of the app serves (LocalHost's dev queue
/// route, under <c>x-localhost-paths</c>), declared beside the code that reads them.
/// </summary>
public sealed record OperationParameters(string Operation, IReadOnlyList<PathParameter> Path, IReadOnlyList<HeaderParameter> Headers);
