using System.Reflection;

namespace AssetService.Core.Common;

/// <summary>
/// The declarations the OpenAPI document is written from (shapes, vocabularies, parameters): the static fields of
/// a type in an assembly or a class, found where they are declared rather than listed a second time.
/// </summary>
public static class Declarations
{
    /// <summary>Every static field of type <typeparamref name="T"/> in <paramref name="assemblies"/> (none in open generic types).</summary>
    public static IEnumerable<T> Of<T>(params Assembly[] assemblies) =>
        assemblies.SelectMany(assembly => assembly.GetTypes()).Where(type => !type.ContainsGenericParameters).SelectMany(In<T>);

    /// <summary>Every static field of type <typeparamref name="T"/> that <paramref name="type"/> declares.</summary>
    public static IEnumerable<T> In<T>(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(field => typeof(T).IsAssignableFrom(field.FieldType))
            .Select(field => (T)field.GetValue(null)!);
}
