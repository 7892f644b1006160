using AssetService.Tests.Support;
using Npgsql;

namespace AssetService.Tests.Database;

/// <summary>
/// docs/scaling.md says the schema distributes by asset on Citus. These tests hold the migrated schema
/// to that page: a new table, key or foreign key that Citus would refuse fails here, not on the day of
/// the move.
/// </summary>
public sealed class CitusDistributionTests : IAsyncLifetime
{
    /// <summary>Breaks the rules today; docs/scaling.md ("What would change") says why and what changes.</summary>
    private static readonly string[] KnownExceptions =
    [
        "dispatches: primary key dispatches_pkey (dispatch_id) does not include the distribution column asset_id",
    ];

    private static readonly string ScalingDoc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "scaling.md"));
    private string database = "";
    private NpgsqlDataSource? dataSource;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        dataSource = NpgsqlDataSource.Create(TestDatabase.ConnectionStringFor(database));
    }

    public async Task DisposeAsync()
    {
        if (dataSource is not null) await dataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await TestDatabase.DropAsync(database);
    }

    [Fact]
    public async Task Every_table_of_the_migrated_schema_meets_the_distribution_rules_of_docs_scaling()
    {
        var placements = CitusDistribution.ReadPlacements(ScalingDoc);
        Assert.Equal("asset_id", placements["asset_limits"].DistributionColumn);
        Assert.True(placements["sites"].Reference);

        await using var connection = await dataSource!.OpenConnectionAsync();
        var violations = await CitusDistribution.ViolationsAsync(connection, placements);

        Assert.Equal(KnownExceptions, violations);
        var whatWouldChange = ScalingDoc[ScalingDoc.IndexOf("## What would change", StringComparison.Ordinal)..];
        Assert.Contains("- `dispatches`: the primary key must include the distribution column", whatWouldChange);
    }

    [Fact]
    public async Task A_new_asset_table_keyed_without_asset_id_or_left_out_of_the_page_is_reported()
    {
        await using var connection = await dataSource!.OpenConnectionAsync();
        await using (var create = new NpgsqlCommand("""
            CREATE TABLE asset_notes (note_id bigint PRIMARY KEY, asset_id text COLLATE "C" NOT NULL REFERENCES assets (id), note text);
            CREATE TABLE note_tags (tag text PRIMARY KEY, asset_id text COLLATE "C" REFERENCES assets (id));
            """, connection))
            await create.ExecuteNonQueryAsync();

        var unplaced = await CitusDistribution.ViolationsAsync(connection, CitusDistribution.ReadPlacements(ScalingDoc));
        Assert.Contains("asset_notes: not placed in docs/scaling.md", unplaced);

        var placements = new Dictionary<string, TablePlacement>(CitusDistribution.ReadPlacements(ScalingDoc))
        {
            ["asset_notes"] = new("asset_notes", "asset_id", Reference: false),
            ["note_tags"] = new("note_tags", null, Reference: true),
        };
        var violations = await CitusDistribution.ViolationsAsync(connection, placements);
        Assert.Contains("asset_notes: primary key asset_notes_pkey (note_id) does not include the distribution column asset_id", violations);
        Assert.Contains("note_tags: foreign key note_tags_asset_id_fkey from a reference table to the distributed table assets", violations);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "docs", "scaling.md"))) return directory.FullName;
        throw new InvalidOperationException($"No directory above {AppContext.BaseDirectory} holds docs/scaling.md");
    }
}
