using System.Text.Json.Nodes;
namespace AssetService.Core.Common;

/// <summary>The answer of a bulk upsert: <c>{"upserted": n}</c>, the number of rows inserted or updated.</summary>
public sealed record UpsertResult(int Upserted)
{
    public static readonly ResponseShape Shape = new(typeof(UpsertResult), "UpsertedResponse", "The result of a batch upsert.")
    {
        Example = JsonNode.Parse("{\"upserted\": 96}"),
        [nameof(Upserted)] = Wire.Integer(0).Described("Rows inserted or updated."),
    };
}
