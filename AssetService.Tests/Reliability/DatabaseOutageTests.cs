using System.Diagnostics;
using System.Net;
using AssetService.LocalHost;
using AssetService.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AssetService.Tests.Reliability;

/// <summary>PostgreSQL stops mid-run: requests answer 503 quickly, health says degraded, and the service recovers by itself.</summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private DedicatedCluster cluster = null!;
    private WebApplication app = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        cluster = await DedicatedCluster.CreateAsync();
        app = LocalHostApp.Build([], new Dictionary<string, string?>
        {
            ["PostgresConnection"] = cluster.ConnectionString,
            ["ASSET_SERVICE_API_KEY"] = ApiFixture.Key,
            ["ASSET_SERVICE_PORT"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        client = new HttpClient { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Add("x-functions-key", ApiFixture.Key);
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await app.DisposeAsync();
        await cluster.DisposeAsync();
    }

    [Fact]
    public async Task Requests_answer_503_with_retry_after_while_the_database_is_down_and_recover_without_a_restart()
    {
        var id = await AssetApi.CreateAsync(client);
        await cluster.StopAsync();

        foreach (var call in new Func<Task<HttpResponseMessage>>[]
                 {
                     () => client.GetAsync($"/api/v1/assets/{id}"),
                     () => client.GetAsync("/api/v1/assets"),
                     () => client.PostJsonAsync("/api/v1/assets", """{"code":"DOWN","name":"Down","type":"BESS","region":"DE","delivery_area":"50HZ","provider":"EBX"}"""),
                     () => client.PostAsync($"/api/v1/assets/{id}/actions/commission", null),
                 })
        {
            var watch = Stopwatch.StartNew();
            using var response = await call();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"503 took {watch.Elapsed}");
            Assert.Equal("5", response.Headers.GetValues("Retry-After").Single());
            Assert.Contains("\"detail\"", await response.Content.ReadAsStringAsync());
        }

        var health = await client.GetAsync("/api/health").ExpectAsync(503);
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        Assert.Equal("unavailable", health.GetProperty("database").GetString());

        await cluster.StartAsync();
        await EventuallyAsync(async () => (await client.GetAsync("/api/health")).StatusCode == HttpStatusCode.OK);
        await client.GetAsync($"/api/v1/assets/{id}").ExpectAsync(200);
        await client.PostAsync($"/api/v1/assets/{id}/actions/commission", null).ExpectAsync(200);
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The service did not recover within 20 seconds");
            await Task.Delay(200);
        }
    }
}
