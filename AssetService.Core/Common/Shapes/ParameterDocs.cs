namespace AssetService.Core.Common;

/// <summary>Query parameters that several binders read alike, each written once under <c>components/parameters</c>.</summary>
public static class ParameterDocs
{
    public static readonly ParameterDoc AssetIds = ParameterDoc.Shared("AssetIds",
        "One or more asset ids: repeat the parameter (`asset_ids=A&asset_ids=B`), separate them with commas (`asset_ids=A,B`), or both. An unknown id matches nothing.");

    public static readonly ParameterDoc Latest = ParameterDoc.Shared("Latest",
        "`true`: only the newest entry per asset; cannot be combined with `from`/`to`. Also accepts `1/0`, `yes/no`, `on/off`.");

    public static readonly ParameterDoc WindowFrom = ParameterDoc.Shared("WindowFrom", "Start of the window (inclusive), with an offset.");

    public static readonly ParameterDoc WindowTo = ParameterDoc.Shared("WindowTo", "End of the window (exclusive), with an offset; after `from`.");
}
