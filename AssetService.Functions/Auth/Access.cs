using System.Collections.Frozen;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace AssetService.Functions.Auth;

/// <summary>What an HTTP function needs: a role, or nothing (<see cref="Anonymous"/>).</summary>
public sealed record Access(Role? Required)
{
    public static readonly Access Anonymous = new((Role?)null);

    /// <summary>
    /// The one place that reads a function's declaration. A function that declares neither or both is a
    /// start-up error of both hosts, so no HTTP function can be served without a decided role.
    /// </summary>
    public static Access Of(MethodInfo function)
    {
        var role = function.GetCustomAttribute<RequiresRoleAttribute>();
        var anonymous = function.IsDefined(typeof(AnonymousAttribute));
        var name = $"{function.DeclaringType?.Name}.{function.Name}";
        return (role, anonymous) switch
        {
            (null, true) => Anonymous,
            ({ Role: Role.None }, _) => throw new InvalidOperationException($"{name}: [RequiresRole(Role.None)] is not a role; use [Anonymous]"),
            ({ } r, false) => new Access(r.Role),
            (null, false) => throw new InvalidOperationException($"HTTP function {name} declares no access: add [RequiresRole(...)] or [Anonymous]"),
            _ => throw new InvalidOperationException($"HTTP function {name} declares both [RequiresRole] and [Anonymous]"),
        };
    }

    /// <summary>Every HTTP function of the assembly by its <c>[Function]</c> name.</summary>
    public static IReadOnlyDictionary<string, Access> ByFunctionName(Assembly functions) =>
        (from type in functions.GetTypes()
         from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
         let function = method.GetCustomAttribute<FunctionAttribute>()
         where function is not null && method.GetParameters().Any(p => p.IsDefined(typeof(HttpTriggerAttribute)))
         select (function.Name, Access: Of(method))).ToDictionary(f => f.Name, f => f.Access);
}

/// <summary>Every HTTP function's access by function name, read once when the app starts (so an undeclared function stops start-up).</summary>
public sealed record FunctionAccess(FrozenDictionary<string, Access> ByName)
{
    public static FunctionAccess Of(Assembly functions) => new(Access.ByFunctionName(functions).ToFrozenDictionary());
}
