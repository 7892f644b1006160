using Azure.Identity;
using AssetService.Functions.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AssetService.Tests.Reliability;

/// <summary>Which failures are outages (503 with Retry-After, the client retries) rather than bugs (500).</summary>
public sealed class ErrorMappingTests
{
    [Theory]
    [InlineData("28P01")] // password authentication failed
    [InlineData("28000")] // invalid authorization specification
    [InlineData("57014")] // statement timeout
    [InlineData("25006")] // read-only transaction, during a failover
    [InlineData("53300")] // too many connections
    [InlineData("57P01")] // admin shutdown
    [InlineData("08006")] // connection failure
    public void Outage_sql_states_answer_503_with_retry_after(string sqlState)
    {
        var result = ErrorMapping.ToResult(new PostgresException("failed", "FATAL", "FATAL", sqlState), NullLogger.Instance);
        Assert.Equal(503, result.StatusCode);
        Assert.Equal("5", result.Headers["Retry-After"]);
    }

    [Theory]
    [InlineData("23514")] // check violation: a bug, not an outage
    [InlineData("42P01")] // undefined table
    public void Other_sql_states_stay_500(string sqlState) =>
        Assert.Equal(500, ErrorMapping.ToResult(new PostgresException("failed", "ERROR", "ERROR", sqlState), NullLogger.Instance).StatusCode);

    [Fact]
    public void Token_failures_are_outages_directly_and_wrapped()
    {
        Assert.True(ErrorMapping.IsDatabaseUnavailable(new AuthenticationFailedException("no token")));
        Assert.True(ErrorMapping.IsDatabaseUnavailable(new CredentialUnavailableException("no identity")));
        Assert.True(ErrorMapping.IsDatabaseUnavailable(new NpgsqlException("password provider", new AuthenticationFailedException("no token"))));
        Assert.True(ErrorMapping.IsDatabaseUnavailable(new NpgsqlException("password provider", new AggregateException(new CredentialUnavailableException("x")))));
        Assert.False(ErrorMapping.IsDatabaseUnavailable(new InvalidOperationException("bug")));
    }
}
