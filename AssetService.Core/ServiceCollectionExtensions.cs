using AssetService.Core.Database;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AssetService.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>The data source, the migrator and every feature's service.</summary>
    public static IServiceCollection AddAssetServiceCore(this IServiceCollection services, IConfiguration configuration)
    {
        DapperSetup.Configure();
        services.AddSingleton(TimeProvider.System);
        // A connection string that asks for prepared statements the pooler may mix up fails the start, not every request.
        if (configuration["PostgresConnection"] is { Length: > 0 } && PostgresSettings.From(configuration) is var postgres)
            _ = PostgresDataSource.WithDeliberateTimeouts(postgres.ConnectionString, postgres.AutoPrepare);
        services.AddSingleton(sp => PostgresDataSource.Create(PostgresSettings.From(configuration),
            loggerFactory: sp.GetRequiredService<ILoggerFactory>(), time: sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<DatabaseMigrator>();
        services.TryAddSingleton(new SchemaState(ready: true));
        services.AddSingleton<Health.HealthService>();
        services.AddSingleton<Assets.AssetsService>();
        services.AddSingleton<Status.StatusService>();
        services.AddSingleton<Status.StatusIngestion>();
        services.AddSingleton<Dispatches.DispatchesService>();
        services.AddSingleton<Dispatches.DispatchIngestion>();
        services.AddSingleton(Ingestion.IngestionQueues.From(configuration));
        services.AddSingleton<Specs.SpecsService>();
        services.AddSingleton<Sites.SitesService>();
        services.AddSingleton<Sites.InvertersService>();
        services.AddSingleton<Sites.SiteLimitsService>();
        services.AddSingleton<Limits.LimitsService>();
        services.AddSingleton<Forecasts.ForecastsService>();
        services.AddSingleton<Reservations.ReservationsService>();
        services.AddSingleton<StateSnapshots.StateSnapshotsService>();
        services.AddSingleton<Limits.LimitsCsv>();
        services.AddSingleton<Forecasts.ForecastsCsv>();
        services.AddSingleton<Reservations.ReservationsCsv>();
        services.AddSingleton<Dispatches.DispatchesCsv>();
        services.AddSingleton<StateSnapshots.StateSnapshotsCsv>();
        services.AddSingleton(Changes.HistorySettings.From(configuration));
        services.AddSingleton<Changes.AsOf>();
        services.AddSingleton<Changes.ChangesService>();
        services.AddSingleton<Changes.HistoryRetention>();
        services.AddSingleton<Headroom.HeadroomService>();
        services.AddSingleton<Headroom.HeadroomCsv>();
        return services;
    }
}
