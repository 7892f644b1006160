using Azure.Core;
using AssetService.Core.Database;
using AssetService.Tests.Support;
using AssetService.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AssetService.Tests.Infra;

public sealed class PostgresConnectionModeTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Theory]
    [InlineData(null, false)]
    [InlineData("false", false)]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("yes", false)]
    public void Entra_authentication_is_chosen_only_by_PostgresUseEntraAuth_true(string? flag, bool expected)
    {
        var pairs = new List<(string, string)> { ("PostgresConnection", "Host=db;Database=asset_service;Username=id-asset") };
        if (flag is not null) pairs.Add(("PostgresUseEntraAuth", flag));
        Assert.Equal(expected, PostgresSettings.From(Settings(pairs.ToArray())).UseEntraAuth);
    }

    [Fact]
    public void A_missing_connection_string_is_a_startup_error_naming_the_setting() =>
        Assert.Contains("PostgresConnection", Assert.Throws<InvalidOperationException>(() => PostgresSettings.From(Settings())).Message);

    [Fact]
    public async Task Entra_mode_asks_for_a_token_only_when_the_server_wants_a_password()
    {
        // The local cluster trusts loopback, so no password is asked for: the token is fetched lazily,
        // per new physical connection, from EntraTokenCache (its schedule: EntraTokenCacheTests).
        var credential = new RecordingCredential();
        var settings = new PostgresSettings(TestDatabase.ConnectionStringFor("postgres"), UseEntraAuth: true);
        await using var dataSource = PostgresDataSource.Create(settings, credential);
        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.Empty(credential.Scopes);
    }

    [Fact]
    public async Task Plain_mode_never_asks_for_a_token()
    {
        var credential = new RecordingCredential();
        await using var dataSource = PostgresDataSource.Create(new PostgresSettings(TestDatabase.ConnectionStringFor("postgres"), false), credential);
        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.Empty(credential.Scopes);
    }

    [Fact]
    public void Connect_timeout_is_short_unless_the_connection_string_sets_one()
    {
        Assert.Equal(3, new NpgsqlConnectionStringBuilder(PostgresDataSource.WithDeliberateTimeouts("Host=db")).Timeout);
        Assert.Equal(9, new NpgsqlConnectionStringBuilder(PostgresDataSource.WithDeliberateTimeouts("Host=db;Timeout=9")).Timeout);
    }

    [Theory]
    [InlineData("Host=db;Command Timeout=60", 3, 60)]
    [InlineData("Host=db;CommandTimeout=60", 3, 60)]
    [InlineData("Host=db;Timeout=7;Command Timeout=60", 7, 60)]
    [InlineData("Host=db;Command Timeout=60;Max Auto Prepare=0", 3, 60)]
    [InlineData("Host=db;timeout=8", 8, 30)]
    [InlineData("Host=db;Application Name=Timeout", 3, 30)]
    public void Each_timeout_keeps_its_default_unless_that_key_is_given(string connectionString, int connect, int command)
    {
        var result = new NpgsqlConnectionStringBuilder(PostgresDataSource.WithDeliberateTimeouts(connectionString));
        Assert.Equal((connect, command), (result.Timeout, result.CommandTimeout));
    }

    [Theory]
    [InlineData("Host=db", null, 0)]
    [InlineData("Host=db", "false", 0)]
    [InlineData("Host=db;Max Auto Prepare=0", null, 0)]
    [InlineData("Host=db;Auto Prepare Min Usages=1", null, 0)]
    [InlineData("Host=db", "true", 64)]
    [InlineData("Host=db;Max Auto Prepare=10", "true", 10)]
    [InlineData("Host=db;Max Auto Prepare=0", "true", 0)]
    public void Statements_are_prepared_only_where_PostgresAutoPrepare_says_the_pooler_tracks_them(string connectionString, string? autoPrepare, int expected)
    {
        var pairs = new List<(string, string)> { ("PostgresConnection", connectionString) };
        if (autoPrepare is not null) pairs.Add((PostgresSettings.AutoPrepareSetting, autoPrepare));
        var settings = PostgresSettings.From(Settings(pairs.ToArray()));

        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(PostgresDataSource.WithDeliberateTimeouts(settings.ConnectionString, settings.AutoPrepare)).MaxAutoPrepare);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=64", null)]
    [InlineData("Host=db;MaxAutoPrepare=5", "false")]
    public void A_connection_string_asking_for_prepared_statements_without_PostgresAutoPrepare_stops_the_start(string connectionString, string? autoPrepare)
    {
        var pairs = new List<(string, string)> { ("PostgresConnection", connectionString) };
        if (autoPrepare is not null) pairs.Add((PostgresSettings.AutoPrepareSetting, autoPrepare));

        var refusal = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddAssetServiceCore(Settings(pairs.ToArray())));
        Assert.Contains(PostgresSettings.AutoPrepareSetting, refusal.Message, StringComparison.Ordinal);
        Assert.Contains("Max Auto Prepare", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgresAutoPrepare_other_than_true_or_false_is_a_startup_error_naming_it() =>
        Assert.Contains(PostgresSettings.AutoPrepareSetting, Assert.Throws<InvalidOperationException>(() =>
            PostgresSettings.From(Settings(("PostgresConnection", "Host=db"), (PostgresSettings.AutoPrepareSetting, "yes")))).Message);

    private sealed class RecordingCredential : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            lock (Scopes) Scopes.AddRange(requestContext.Scopes);
            return new AccessToken("token", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
