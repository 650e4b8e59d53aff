namespace Cargo.Doctor.Findings;

/// <summary>One detail line of a finding and, beside it, what it is about (null: the line itself is the item).</summary>
public sealed record DetailItem(string Text, ItemKey? Key)
{
    /// <summary>A line with no structured key: compared by its text.</summary>
    public static DetailItem Line(string text) => new(text, null);

    /// <summary>The key this item is compared by.</summary>
    public ItemKey Identity => Key ?? ItemKey.Line(Text);
}
