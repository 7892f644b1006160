using Microsoft.Extensions.Configuration;

namespace AssetService.Core.Changes;

/// <summary>How long history and changes are kept: the app setting <c>HistoryRetentionDays</c> (default 400).</summary>
public sealed record HistorySettings(int RetentionDays)
{
    public const int DefaultRetentionDays = 400;

    public static HistorySettings From(IConfiguration configuration) =>
        new(int.TryParse(configuration["HistoryRetentionDays"], out var days) && days > 0 ? days : DefaultRetentionDays);

    /// <summary>The oldest instant whose state is still kept.</summary>
    public DateTime OldestAnswerable(DateTime now) => now.AddDays(-RetentionDays);
}
