using Microsoft.AspNetCore.Http;

namespace AssetService.Core.Common;

/// <summary>A query binder without its result type: what the OpenAPI document is written from.</summary>
public interface IQueryShape
{
    /// <summary>The operationIds (function names) whose query this binder reads.</summary>
    IReadOnlyList<string> Operations { get; }

    IReadOnlyList<QueryParameter> Parameters { get; }
}

/// <summary>
/// The query parameters of some operations, declared once by their binder: <see cref="Bind"/> reads a query
/// (every problem at once, one 422), <see cref="Parameters"/> describes the same parameters for the document,
/// recorded by running the binder once against an empty query.
/// </summary>
public sealed class QueryShape<T> : IQueryShape
{
    private readonly Func<QueryReader, T> bind;
    private readonly Lazy<IReadOnlyList<QueryParameter>> parameters;

    public QueryShape(IReadOnlyList<string> operations, Func<QueryReader, T> bind)
    {
        Operations = operations;
        this.bind = bind;
        parameters = new(() => QueryReader.Describe(bind));
    }

    public IReadOnlyList<string> Operations { get; }
    public IReadOnlyList<QueryParameter> Parameters => parameters.Value;

    /// <summary>Binds a request's query; throws one 422 listing every problem.</summary>
    public T Bind(IQueryCollection query) => Bind(query, (_, result) => result);

    /// <summary>Binds, then runs checks that need more than the query (the clock) before the 422 is thrown.</summary>
    public TResult Bind<TResult>(IQueryCollection query, Func<QueryReader, T, TResult> then)
    {
        var reader = new QueryReader(query);
        var result = then(reader, bind(reader));
        reader.Problems.ThrowIfAny();
        return result;
    }
}
