using EdgeVoice.Core;
using EdgeVoice.Intents.Templates;

namespace EdgeVoice.Intents;

/// <summary>
/// To-do and shopping lists: an item said in one of HA's list sentences goes, as <c>item</c>, to one configured
/// device of the <c>todo</c> domain, which publishes it on its own command topic. The item is free text, so it is
/// only ever a slot value: cleaned and bounded (<see cref="SlotLimits.ListItem"/>), never a device, action or topic.
/// </summary>
public static class Lists
{
    public const string AddItem = "HassListAddItem", CompleteItem = "HassListCompleteItem";
    public const string ShoppingList = "shopping list";
    public const string NoShoppingList = "There is no shopping list configured.";
    public const string NotAllowed = "I can't change that list.";
    public static readonly string ItemTooLong = $"That item is too long: at most {SlotLimits.MaxItemChars} characters.";

    /// <summary>HA's shopping-list intents do what the to-do ones do, on the shopping list.</summary>
    static readonly Dictionary<string, string> Shopping = new()
    {
        ["HassShoppingListAddItem"] = AddItem, ["HassShoppingListCompleteItem"] = CompleteItem,
    };

    public static bool Is(string intent) => intent is AddItem or CompleteItem || Shopping.ContainsKey(intent);

    /// <summary>The intent for the list <paramref name="heard"/> names (or the shopping list), or none and why.</summary>
    public static (IReadOnlyList<Intent> Intents, string Reply) Run(TemplateIntents.Heard heard, IReadOnlyList<DeviceOptions> devices)
    {
        var action = Shopping.GetValueOrDefault(heard.Intent, heard.Intent);
        var list = Shopping.ContainsKey(heard.Intent)
            ? ShoppingListOf(devices, action)
            : heard.Intents.Select(i => devices.FirstOrDefault(d => d.Id == i.Device)).FirstOrDefault(d => d is not null && d.Allows(action));
        if (list is null) return ([], Shopping.ContainsKey(heard.Intent) ? NoShoppingList : NotAllowed);
        if (SlotLimits.ListItem(heard.Slots.GetValueOrDefault("item") as string) is not { } item) return ([], ItemTooLong);
        var slots = new Dictionary<string, object> { ["item"] = item };
        if (list.Area.Length > 0) slots["area"] = list.Area;
        return ([new Intent(action, list.Id, slots)], Responses.For(heard.Intent, [list], slots));
    }

    /// <summary>The list named or aliased "shopping list", else the only list that allows the action.</summary>
    static DeviceOptions? ShoppingListOf(IReadOnlyList<DeviceOptions> devices, string action)
    {
        var lists = devices.Where(d => d.Allows(action)).ToList();
        return lists.FirstOrDefault(d => d.SpokenNames().Any(n => string.Equals(n.Trim(), ShoppingList, StringComparison.OrdinalIgnoreCase)))
            ?? (lists.Count == 1 ? lists[0] : null);
    }
}
