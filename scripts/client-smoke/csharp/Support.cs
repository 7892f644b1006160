using System.Runtime.CompilerServices;
using AssetService.Client.Models;

public static class ValidationErrors
{
    /// <summary>
    /// The 422 body as one line, e.g. <c>body.code: String should match pattern ...; body.delivery_area: ...</c>.
    /// Kiota can take an exception's Message only from a string property, and a 422's detail is a list.
    /// </summary>
    public static string Problems(this HTTPValidationError error) =>
        string.Join("; ", (error.Detail ?? []).Select(d =>
            string.Join('.', (d.Loc ?? []).Select(l => l.String ?? l.Integer?.ToString())) + ": " + d.Msg));
}

public sealed class CheckFailed(string message) : Exception(message);

public static class Check
{
    public static void Equal<T>(T expected, T actual, [CallerArgumentExpression(nameof(actual))] string what = "")
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
            throw new CheckFailed($"{what}: expected {Show(expected)}, got {Show(actual)}");
    }

    public static T Single<T>(IEnumerable<T>? items, [CallerArgumentExpression(nameof(items))] string what = "")
    {
        var list = items?.ToList() ?? throw new CheckFailed($"{what}: expected one item, got null");
        return list.Count == 1 ? list[0] : throw new CheckFailed($"{what}: expected one item, got {list.Count}");
    }

    public static void Contains(string expected, string actual)
    {
        if (!actual.Contains(expected, StringComparison.Ordinal)) throw new CheckFailed($"\"{actual}\" lacks \"{expected}\"");
    }

    public static async Task<T> Throws<T>(Func<Task> call) where T : Exception
    {
        try
        {
            await call();
        }
        catch (T expected)
        {
            return expected;
        }
        catch (Exception other)
        {
            throw new CheckFailed($"expected {typeof(T).Name}, got {other.GetType().Name}: {other.Message}");
        }
        throw new CheckFailed($"expected {typeof(T).Name}, nothing was thrown");
    }

    private static string Show<T>(T value) => value is null ? "null" : $"\"{value}\"";
}

public sealed class Steps
{
    public int Count { get; private set; }

    public async Task Run(string name, Func<Task> step)
    {
        Count++;
        try
        {
            await step();
            Console.WriteLine($"  ok   {name}");
        }
        catch (Exception e)
        {
            Console.WriteLine($"  FAIL {name}: {(e is CheckFailed ? "" : e.GetType().Name + ": ")}{e.Message}");
            throw new CheckFailed(e.Message);
        }
    }
}
