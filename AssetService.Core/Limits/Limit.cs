using AssetService.Core.Common;

namespace AssetService.Core.Limits;

public static class LimitSources
{
    public static readonly Vocabulary All = new("REPORTED", "OPERATIONS", "CUSTOMER", "PV", "AVAILABILITY")
    {
        Component = "LimitSource", Description = "Who submitted a limit.", ListComponent = "LimitSourceList", ListExample = "REPORTED,AVAILABILITY",
    };
}

public sealed record LimitsCleared(int Cleared, int Deleted);
