using System.Net;
using AssetService.LocalHost;
using AssetService.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AssetService.Tests.Reliability;

/// <summary>LocalHost starts while PostgreSQL is down, answers 503, and migrates and serves once it is back.</summary>
public sealed class StartupWithoutDatabaseTests : IAsyncLifetime
{
    private DedicatedCluster cluster = null!;

    public async Task InitializeAsync()
    {
        cluster = await DedicatedCluster.CreateAsync();
        await cluster.StopAsync();
    }

    public Task DisposeAsync() => cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task The_service_starts_without_its_database_answers_503_and_migrates_and_serves_once_it_is_back()
    {
        await using var app = LocalHostApp.Build([], new Dictionary<string, string?>
        {
            ["PostgresConnection"] = cluster.ConnectionString,
            ["ASSET_SERVICE_API_KEY"] = ApiFixture.Key,
            ["ASSET_SERVICE_PORT"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient(new OpenApiValidatingHandler()) { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Add("x-functions-key", ApiFixture.Key);

        var health = await client.GetAsync("/api/health").ExpectAsync(503);
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        using (var response = await client.GetAsync("/api/v1/assets"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("5", response.Headers.GetValues("Retry-After").Single());
        }
        await client.GetAsync("/api/openapi.json").ExpectAsync(200);

        await cluster.StartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while ((await client.GetAsync("/api/health")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "The service did not migrate and recover within 40 seconds");
            await Task.Delay(250);
        }
        var id = await AssetApi.CreateAsync(client);
        await client.GetAsync($"/api/v1/assets/{id}").ExpectAsync(200);
    }
}
