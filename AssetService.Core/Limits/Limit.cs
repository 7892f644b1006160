using System.Text.Json.Nodes;
using AssetService.Core.Common;

namespace AssetService.Core.Limits;

public static class LimitSources
{
    public static readonly Vocabulary All = new("REPORTED", "OPERATIONS", "CUSTOMER", "PV", "AVAILABILITY")
    {
        Component = "LimitSource", Description = "Who submitted a limit.", ListComponent = "LimitSourceList", ListExample = "REPORTED,AVAILABILITY",
    };
}

public sealed record LimitsCleared(int Cleared, int Deleted)
{
    public static readonly ResponseShape Shape = new(typeof(LimitsCleared), "DeleteLimitsResponse", "What a DELETE did.")
    {
        Example = JsonNode.Parse("{\"cleared\": 8, \"deleted\": 6}"),
        [nameof(Cleared)] = Wire.Integer(0).Described("Rows matched (their four constraints are now null)."),
        [nameof(Deleted)] = Wire.Integer(0).Described("Of those, rows removed because nothing was left in them."),
    };
}
