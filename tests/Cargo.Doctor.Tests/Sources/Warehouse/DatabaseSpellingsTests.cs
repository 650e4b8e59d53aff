using Cargo.Doctor.Sources.Warehouse;

namespace Cargo.Doctor.Tests.Sources.Warehouse;

/// <summary>
/// Which stored database a configured name means. r_names.html folds database names in SQL to lower case
/// and is silent on a connection's startup name: one stored spelling after a successful connection is the
/// database reached; two are unknown; none is a missing database with a "did you mean".
/// </summary>
[Trait("Category", "Unit")]
public sealed class DatabaseSpellingsTests
{
    [Fact]
    public void the_exact_spelling_wins_and_the_others_are_listed()
    {
        var resolution = DatabaseSpellings.Resolve("Sales", connected: true, ["sales", "Sales"]);

        Assert.Equal("Sales", resolution.StoredName);
        Assert.Equal(["sales"], resolution.OtherSpellings);
        Assert.Null(resolution.Ambiguity);
    }

    [Fact]
    public void connected_to_a_name_stored_in_one_other_case_means_that_database()
    {
        var resolution = DatabaseSpellings.Resolve("Sales", connected: true, ["sales", "other"]);

        Assert.Equal("sales", resolution.StoredName);
        Assert.Null(resolution.Ambiguity);
    }

    [Fact]
    public void connected_with_two_other_spellings_stored_is_ambiguous()
    {
        var resolution = DatabaseSpellings.Resolve("SALES", connected: true, ["sales", "Sales"]);

        Assert.Null(resolution.StoredName);
        Assert.Equal(["Sales", "sales"], resolution.OtherSpellings);
        Assert.Contains("\"Sales\" and \"sales\"", resolution.Ambiguity!.ToString());
    }

    [Fact]
    public void not_connected_names_no_stored_database_but_lists_the_spellings_that_exist()
    {
        var resolution = DatabaseSpellings.Resolve("Sales", connected: false, ["sales"]);

        Assert.Null(resolution.StoredName);
        Assert.Equal(["sales"], resolution.OtherSpellings);
    }

    [Fact]
    public void only_ascii_letters_fold()
    {
        // r_names.html: "ASCII letters" are folded; "Ä" and "ä" are different names.
        var resolution = DatabaseSpellings.Resolve("Äpfel", connected: false, ["äpfel"]);

        Assert.Empty(resolution.OtherSpellings);
    }
}
