namespace EdgeVoice.Intents.Templates;

/// <summary>A parsed sentence template: literal text, sequences, alternatives, slot lists and rule references.</summary>
public abstract class Node;

/// <summary>Literal text, lower-cased with runs of whitespace collapsed to one space. A space matches a word boundary.</summary>
public sealed class TextNode(string text) : Node
{
    public string Text { get; } = text;
    /// <summary>Characters other than spaces: the literal text a match is credited with.</summary>
    public int Weight { get; } = text.Count(c => c != ' ');
}

public sealed class SeqNode(Node[] items) : Node
{
    public Node[] Items { get; } = items;
}

/// <summary>One of several options; an optional part is an alternative with an empty sequence.</summary>
public sealed class AltNode(Node[] options) : Node
{
    public Node[] Options { get; } = options;
}

/// <summary><c>{list}</c> or <c>{list:slot}</c>; <see cref="List"/> is bound when the templates are compiled.</summary>
public sealed class ListNode(string listName, string slot) : Node
{
    public string ListName { get; } = listName;
    public string Slot { get; } = slot;
    public SlotList? List { get; init; }
}

/// <summary><c>&lt;rule&gt;</c>, replaced by the rule's body when the templates are compiled.</summary>
public sealed class RuleNode(string name) : Node
{
    public string Name { get; } = name;
}
