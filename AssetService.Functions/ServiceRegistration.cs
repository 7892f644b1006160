using AssetService.Core;
using AssetService.Functions.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AssetService.Functions;

/// <summary>The one registration both hosts call: Core services and the function classes.</summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddAssetService(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAssetServiceCore(configuration);
        foreach (var type in FunctionClasses()) services.AddScoped(type);
        services.TryAddSingleton(FunctionKey.From(configuration, fallbackKey: null)); // LocalHost registers its own first
        services.AddSingleton(_ => BearerTokens.From(configuration));
        services.AddSingleton<AccessCheck>();
        services.AddSingleton(FunctionAccess.Of(typeof(ServiceRegistration).Assembly));
        return services;
    }

    /// <summary>Every class of this assembly with a method marked <c>[Function]</c>.</summary>
    public static IEnumerable<Type> FunctionClasses() =>
        typeof(ServiceRegistration).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } &&
            t.GetMethods().Any(m => m.IsDefined(typeof(Microsoft.Azure.Functions.Worker.FunctionAttribute), false)));
}
