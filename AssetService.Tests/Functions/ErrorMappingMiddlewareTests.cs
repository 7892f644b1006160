using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;
using AssetService.Core.Common;
using AssetService.Functions.Http;
using AssetService.Tests.Support;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using Npgsql;

namespace AssetService.Tests.Functions;

/// <summary>
/// The worker middleware over a substituted <see cref="FunctionContext"/>: an HTTP function's exception
/// becomes its invocation result, a Service Bus function's exception propagates (so the message is retried).
/// </summary>
public sealed class ErrorMappingMiddlewareTests
{
    private const string TraceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    [Fact]
    public async Task An_http_function_that_throws_not_found_gets_a_404_result()
    {
        var (context, bindings) = Context("httpTrigger");

        await Middleware().Invoke(context, _ => throw new NotFoundException("Asset DE_50HZ_WU_9 not found"));

        var result = Assert.IsType<ApiResult>(bindings.InvocationResult);
        Assert.Equal(404, result.StatusCode);
        Assert.Contains("DE_50HZ_WU_9", JsonSerializer.Serialize(result.Body, Json.Options));
    }

    [Fact]
    public async Task An_http_function_whose_database_is_unreachable_gets_a_503_with_retry_after()
    {
        var (context, bindings) = Context("httpTrigger");

        await Middleware().Invoke(context, _ => throw new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111)));

        var result = Assert.IsType<ApiResult>(bindings.InvocationResult);
        Assert.Equal(503, result.StatusCode);
        Assert.Equal("5", result.Headers["Retry-After"]);
    }

    [Fact]
    public async Task An_unexpected_error_of_an_http_function_is_a_500_naming_the_host_trace_id()
    {
        var (context, bindings) = Context("httpTrigger");

        await Middleware().Invoke(context, _ => throw new InvalidOperationException("boom"));

        var result = Assert.IsType<ApiResult>(bindings.InvocationResult);
        Assert.Equal(500, result.StatusCode);
        Assert.Equal("""{"detail":"Internal server error (trace id 4bf92f3577b34da6a3ce929d0e0e4736)"}""", JsonSerializer.Serialize(result.Body, Json.Options));
    }

    [Fact]
    public async Task A_service_bus_function_that_throws_rethrows_so_the_message_is_retried()
    {
        var (context, bindings) = Context("serviceBusTrigger");

        await Assert.ThrowsAsync<NpgsqlException>(() => Middleware().Invoke(context, _ => throw new NpgsqlException("Failed to connect")));

        Assert.Null(bindings.InvocationResult);
    }

    [Fact]
    public async Task A_function_that_succeeds_keeps_its_own_result()
    {
        var (context, bindings) = Context("httpTrigger");
        var own = ApiResult.Ok(new { ok = true });

        await Middleware().Invoke(context, _ =>
        {
            bindings.InvocationResult = own;
            return Task.CompletedTask;
        });

        Assert.Same(own, Assert.IsType<ErrorMappedResult>(bindings.InvocationResult).Inner);
        var (status, _, body) = await ExecuteAsync(bindings.InvocationResult!);
        Assert.Equal((200, """{"ok":true}"""), (status, body));
    }

    [Fact]
    public async Task A_result_that_fails_before_its_first_byte_is_answered_as_a_thrown_exception_is()
    {
        var (context, bindings) = Context("httpTrigger");

        await Middleware().Invoke(context, _ =>
        {
            bindings.InvocationResult = new FailingResult(new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111)));
            return Task.CompletedTask;
        });

        var (status, headers, body) = await ExecuteAsync(bindings.InvocationResult!);
        Assert.Equal(503, status);
        Assert.Equal("5", headers["Retry-After"]);
        Assert.Contains("unavailable", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_csv_read_that_fails_midway_is_a_500_naming_the_trace_id_and_no_csv_is_sent()
    {
        // The third row divides by zero: the CSV table fails after its header and two rows were read.
        await using var db = NpgsqlDataSource.Create(TestDatabase.ConnectionStringFor("postgres"));
        var table = await AssetService.Core.Common.Csv.CsvTable.OpenAsync(db, "SELECT 3",
            "SELECT (1 / (x - 3))::numeric AS v FROM generate_series(1, 3) AS x", new { }, CancellationToken.None);
        var (context, bindings) = Context("httpTrigger");

        await Middleware().Invoke(context, _ =>
        {
            bindings.InvocationResult = new CsvResult(table);
            return Task.CompletedTask;
        });

        var (status, headers, body) = await ExecuteAsync(bindings.InvocationResult!);
        Assert.Equal(500, status);
        Assert.Equal("application/json", headers["Content-Type"]);
        Assert.Equal("""{"detail":"Internal server error (trace id 4bf92f3577b34da6a3ce929d0e0e4736)"}""", body);
    }

    private static async Task<(int Status, Microsoft.AspNetCore.Http.IHeaderDictionary Headers, string Body)> ExecuteAsync(object result)
    {
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        var body = new MemoryStream();
        http.Response.Body = body;
        await ((Microsoft.AspNetCore.Mvc.IActionResult)result).ExecuteResultAsync(new Microsoft.AspNetCore.Mvc.ActionContext { HttpContext = http });
        await http.Response.BodyWriter.FlushAsync();
        return (http.Response.StatusCode, http.Response.Headers, System.Text.Encoding.UTF8.GetString(body.ToArray()));
    }

    private sealed class FailingResult(Exception failure) : Microsoft.AspNetCore.Mvc.IActionResult
    {
        public Task ExecuteResultAsync(Microsoft.AspNetCore.Mvc.ActionContext context)
        {
            context.HttpContext.Response.ContentType = "text/csv";
            throw failure;
        }
    }

    private static ErrorMappingMiddleware Middleware() => new(NullLogger<ErrorMappingMiddleware>.Instance);

    /// <summary>
    /// A FunctionContext whose trigger binding has the given type. The worker keeps the invocation result in
    /// an internal bindings feature, so the test supplies one through the public <see cref="IInvocationFeatures"/>.
    /// </summary>
    private static (FunctionContext Context, BindingsState Bindings) Context(string triggerType)
    {
        var trigger = Substitute.For<BindingMetadata>();
        trigger.Type.Returns(triggerType);
        trigger.Name.Returns("request");
        trigger.Direction.Returns(BindingDirection.In);
        var definition = Substitute.For<FunctionDefinition>();
        definition.InputBindings.Returns(ImmutableDictionary<string, BindingMetadata>.Empty.Add("request", trigger));
        var traceContext = Substitute.For<TraceContext>();
        traceContext.TraceParent.Returns(TraceParent);

        var state = new BindingsState();
        var context = Substitute.For<FunctionContext>();
        context.FunctionDefinition.Returns(definition);
        context.TraceContext.Returns(traceContext);
        context.Items.Returns(new Dictionary<object, object>());
        context.Features.Returns(new Features(state));
        return (context, state);
    }

    public sealed class BindingsState
    {
        public object? InvocationResult { get; set; }
    }

    private sealed class Features(BindingsState state) : IInvocationFeatures
    {
        private static readonly Type BindingsFeature = typeof(FunctionContext).Assembly.GetType("Microsoft.Azure.Functions.Worker.Context.Features.IFunctionBindingsFeature", throwOnError: true)!;
        private readonly Dictionary<Type, object> features = new();

        public T? Get<T>()
        {
            if (typeof(T) == BindingsFeature) return (T)BindingsProxy.Create(BindingsFeature, state);
            return features.TryGetValue(typeof(T), out var feature) ? (T)feature : default;
        }

        public void Set<T>(T instance) => features[typeof(T)] = instance!;

        public IEnumerator<KeyValuePair<Type, object>> GetEnumerator() => features.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>Implements the worker's internal bindings feature: the invocation result, nothing else.</summary>
    public class BindingsProxy : DispatchProxy
    {
        private BindingsState state = null!;

        public static object Create(Type feature, BindingsState state)
        {
            var proxy = DispatchProxy.Create(feature, typeof(BindingsProxy));
            ((BindingsProxy)proxy).state = state;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
        {
            "get_InvocationResult" => state.InvocationResult,
            "set_InvocationResult" => state.InvocationResult = args![0],
            _ => throw new NotSupportedException($"{targetMethod?.Name} is not used by the middleware"),
        };
    }
}
