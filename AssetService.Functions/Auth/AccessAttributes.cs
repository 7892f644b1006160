namespace AssetService.Functions.Auth;

/// <summary>The least role an HTTP function needs (contract 6.3). Every HTTP function declares this or <see cref="AnonymousAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresRoleAttribute(Role role) : Attribute
{
    public Role Role { get; } = role;
}

/// <summary>An HTTP function anyone may call without a credential (health, the OpenAPI document, the docs page).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AnonymousAttribute : Attribute;
