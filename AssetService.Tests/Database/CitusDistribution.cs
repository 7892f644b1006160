using System.Text.RegularExpressions;
using Dapper;
using Npgsql;

namespace AssetService.Tests.Database;

/// <summary>How docs/scaling.md places one table on Citus.</summary>
public sealed record TablePlacement(string Table, string? DistributionColumn, bool Reference)
{
    public bool Distributed => DistributionColumn is not null;
}

/// <summary>
/// Citus' rules for the schema, read from the PostgreSQL catalog: every primary key, unique constraint,
/// unique index and exclusion constraint of a distributed table includes the distribution column (an
/// exclusion with <c>=</c>); a foreign key between distributed tables pairs their distribution columns;
/// a reference or coordinator-local table references no distributed table; every table is placed.
/// </summary>
public static partial class CitusDistribution
{
    /// <summary>The placement table under "Why it distributes cleanly" in docs/scaling.md.</summary>
    public static IReadOnlyDictionary<string, TablePlacement> ReadPlacements(string scalingMarkdown)
    {
        var section = scalingMarkdown[scalingMarkdown.IndexOf("## Why it distributes cleanly", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var placements = new Dictionary<string, TablePlacement>();
        foreach (var line in section.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            var cells = line.Split('|').Select(c => c.Trim()).ToArray();
            var (tables, distribution) = (cells[1], cells[3]);
            var reference = distribution.StartsWith("reference", StringComparison.Ordinal);
            var column = reference || distribution.StartsWith("coordinator-local", StringComparison.Ordinal) ? null : distribution.Trim('`');
            foreach (Match name in Backticked().Matches(tables))
                placements.Add(name.Groups[1].Value, new TablePlacement(name.Groups[1].Value, column, reference));
        }
        return placements;
    }

    private const string TablesSql = """
        SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        ORDER BY 1
        """;

    // Unique indexes without a constraint are read as well: Citus refuses them just the same.
    private const string KeysSql = """
        SELECT con.conname::text AS name, con.contype::text AS kind, rel.relname::text AS tablename,
            ARRAY(SELECT coalesce(a.attname::text, '(expression)') FROM unnest(con.conkey) WITH ORDINALITY k(attnum, i)
                  LEFT JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.i) AS columns,
            ARRAY(SELECT o.oprname::text FROM unnest(con.conexclop) WITH ORDINALITY x(op, i)
                  JOIN pg_operator o ON o.oid = x.op ORDER BY x.i) AS operators,
            ref.relname::text AS referencedtable,
            ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, i)
                  JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.i) AS referencedcolumns
        FROM pg_constraint con
        JOIN pg_class rel ON rel.oid = con.conrelid
        JOIN pg_namespace n ON n.oid = rel.relnamespace
        LEFT JOIN pg_class ref ON ref.oid = con.confrelid
        WHERE n.nspname = 'public' AND con.contype IN ('p', 'u', 'x', 'f')
        UNION ALL
        SELECT ix.relname::text, 'i', rel.relname::text,
            ARRAY(SELECT coalesce(a.attname::text, '(expression)') FROM unnest(x.indkey::int2[]) WITH ORDINALITY k(attnum, i)
                  LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum ORDER BY k.i),
            ARRAY[]::text[], NULL, ARRAY[]::text[]
        FROM pg_index x
        JOIN pg_class ix ON ix.oid = x.indexrelid
        JOIN pg_class rel ON rel.oid = x.indrelid
        JOIN pg_namespace n ON n.oid = rel.relnamespace
        WHERE n.nspname = 'public' AND x.indisunique
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.contype IN ('p', 'u', 'x'))
        ORDER BY 3, 1
        """;

    private sealed record Key(string Name, string Kind, string TableName, string[] Columns, string[] Operators, string? ReferencedTable, string[] ReferencedColumns);

    /// <summary>Every way the migrated schema breaks the rules for the given placements, one sentence each.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(NpgsqlConnection connection, IReadOnlyDictionary<string, TablePlacement> placements)
    {
        var violations = new List<string>();
        var tables = (await connection.QueryAsync<string>(TablesSql)).ToArray();
        violations.AddRange(tables.Where(t => !placements.ContainsKey(t)).Select(t => $"{t}: not placed in docs/scaling.md"));
        violations.AddRange(placements.Keys.Where(t => !tables.Contains(t)).Select(t => $"{t}: placed in docs/scaling.md but not in the schema"));

        var keys = new List<Key>();
        await using (var command = new NpgsqlCommand(KeysSql, connection))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                keys.Add(new Key(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<string[]>(3),
                    reader.GetFieldValue<string[]>(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetFieldValue<string[]>(6)));
        foreach (var key in keys)
        {
            if (!placements.TryGetValue(key.TableName, out var table)) continue;
            var columns = string.Join(", ", key.Columns);
            if (key.Kind is "p" or "u" or "i" && table.Distributed && !key.Columns.Contains(table.DistributionColumn))
                violations.Add($"{key.TableName}: {Describe(key.Kind)} {key.Name} ({columns}) does not include the distribution column {table.DistributionColumn}");
            if (key.Kind == "x" && table.Distributed &&
                !key.Columns.Select((c, i) => (c, i)).Any(p => p.c == table.DistributionColumn && key.Operators[p.i] == "="))
                violations.Add($"{key.TableName}: exclusion constraint {key.Name} does not compare {table.DistributionColumn} with =");
            if (key.Kind == "f" && placements.TryGetValue(key.ReferencedTable!, out var target) && target.Distributed)
            {
                if (!table.Distributed)
                    violations.Add($"{key.TableName}: foreign key {key.Name} from a {(table.Reference ? "reference" : "coordinator-local")} table to the distributed table {target.Table}");
                else if (!key.Columns.Select((c, i) => (c, key.ReferencedColumns[i])).Contains((table.DistributionColumn!, target.DistributionColumn!)))
                    violations.Add($"{key.TableName}: foreign key {key.Name} ({columns}) -> {target.Table} does not pair {table.DistributionColumn} with {target.DistributionColumn}");
            }
        }
        return violations;
    }

    private static string Describe(string kind) => kind switch
    {
        "p" => "primary key",
        "u" => "unique constraint",
        _ => "unique index",
    };

    [GeneratedRegex("`([a-z_]+)`")]
    private static partial Regex Backticked();
}
