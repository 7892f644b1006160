using System.Net.Sockets;
using System.Reflection;
using AssetService.Core.Common;
using Azure.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AssetService.Functions.Http;

/// <summary>
/// The one place where an exception becomes an HTTP answer: 404/409/413/422 for client errors,
/// 503 with Retry-After when PostgreSQL is unreachable, and a bare 500 otherwise. Never a stack
/// trace, SQL text or connection string in a response.
/// </summary>
public static class ErrorMapping
{
    public const int RetryAfterSeconds = 5;

    /// <param name="traceId">Named in a 500's body and log line, so that a caller's report finds the logs.</param>
    public static ApiResult ToResult(Exception exception, ILogger logger, string? traceId = null)
    {
        exception = Unwrap(exception);
        switch (exception)
        {
            case RequestValidationException validation:
                return new ApiResult(StatusCodes.Status422UnprocessableEntity, new ValidationErrors(validation.Errors));
            case NotFoundException:
                return ApiResult.Detail(StatusCodes.Status404NotFound, exception.Message);
            case ConflictException:
                return ApiResult.Detail(StatusCodes.Status409Conflict, exception.Message);
            case PayloadTooLargeException:
                return ApiResult.Detail(StatusCodes.Status413PayloadTooLarge, exception.Message);
            case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }:
                return ApiResult.Detail(StatusCodes.Status413PayloadTooLarge, "Request body exceeds 10 MiB");
            case BadHttpRequestException bad:
                return ApiResult.Detail(bad.StatusCode, "The request could not be read");
            case OperationCanceledException:
                return ApiResult.Detail(499, "The request was cancelled");
        }
        if (exception is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation })
            return ApiResult.Detail(StatusCodes.Status409Conflict, "A record this request refers to was changed or deleted concurrently; retry");
        if (IsDatabaseUnavailable(exception))
        {
            logger.LogWarning("Database unavailable: {Kind}", exception.GetType().Name);
            return new ApiResult(StatusCodes.Status503ServiceUnavailable, new ErrorDetail("The database is unavailable; retry later"))
            {
                Headers = new Dictionary<string, string> { ["Retry-After"] = RetryAfterSeconds.ToString() },
            };
        }
        traceId ??= TraceId.Current();
        logger.LogError(exception, "Unhandled error {ErrorType}: {ErrorMessage} (SQL state {SqlState}), trace id {TraceId}",
            exception.GetType().Name, exception.Message, Core.Telemetry.SqlState(exception), traceId);
        return ApiResult.Detail(StatusCodes.Status500InternalServerError,
            traceId is null ? "Internal server error" : $"Internal server error (trace id {traceId})");
    }

    /// <summary>
    /// Outages, not bugs: the request may succeed when retried. Connection failures and timeouts, server
    /// shutdowns, too many connections, a statement timeout (57014), a read-only server during a failover
    /// (25006), rejected credentials (28P01, 28000: a rotated password or an identity being set up) and a
    /// failed Entra token acquisition, which Npgsql wraps in its own exception.
    /// </summary>
    public static bool IsDatabaseUnavailable(Exception exception) => exception switch
    {
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState is
            "57P01" or "57P02" or "57P03" or "53300" or "57014" or "25006" or "28P01" or "28000" or
            PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected,
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is SocketException or TimeoutException or IOException ||
            IsTokenFailure(npgsql.InnerException),
        TimeoutException or SocketException => true,
        _ => IsTokenFailure(exception),
    };

    private static bool IsTokenFailure(Exception? exception) => exception switch
    {
        AuthenticationFailedException or CredentialUnavailableException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsTokenFailure),
        null => false,
        _ => IsTokenFailure(exception.InnerException),
    };

    private static Exception Unwrap(Exception exception) => exception switch
    {
        AggregateException { InnerExceptions.Count: 1 } aggregate => Unwrap(aggregate.InnerExceptions[0]),
        TargetInvocationException { InnerException: { } inner } => Unwrap(inner),
        _ => exception,
    };
}
