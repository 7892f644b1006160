namespace AssetService.Functions.Auth;

/// <summary>The app roles of contract 6.3, each including the ones below it.</summary>
public enum Role
{
    None = 0,
    Read = 1,
    Write = 2,
    Admin = 3,
}

public static class Roles
{
    /// <summary>The value in the token's <c>roles</c> claim, e.g. <c>AssetService.Write</c>.</summary>
    public static string ClaimValue(this Role role) => "AssetService." + role;

    /// <summary>The highest role among the claim values; unknown values grant nothing.</summary>
    public static Role Highest(IEnumerable<string> claimValues) =>
        claimValues.Select(v => Enum.GetValues<Role>().FirstOrDefault(r => r != Role.None && r.ClaimValue() == v))
            .DefaultIfEmpty(Role.None).Max();
}
