using System.Globalization;
using EdgeVoice.Core;
using LLama.Native;

namespace EdgeVoice.Intents.Llm;

/// <summary>
/// Every command the local model may write: one JSON object per configured (device, action) pair and slot
/// value, or {"intent":"none"}, built only from configuration. The texts are tokenized into a trie; the
/// model only chooses where the trie branches, and runs of forced tokens are fed in one batch. Nothing the
/// model says can name another device, action or topic, because no other token sequence exists; and a
/// command costs a few model steps instead of one per token (a grammar over Qwen's 151 936 tokens took
/// one step per token plus a vocabulary-wide filter each time).
/// </summary>
public sealed class CommandChoices
{
    public sealed class Node
    {
        public Dictionary<LLamaToken, Node> Next { get; } = [];
        /// <summary>The command text when a whole one ends here (every text ends with its closing brace).</summary>
        public string? Text { get; set; }
    }

    public Node Root { get; } = new();
    public int Count { get; }

    public CommandChoices(IEnumerable<string> texts, Func<string, LLamaToken[]> tokenize)
    {
        foreach (var text in texts)
        {
            var n = Root;
            foreach (var t in tokenize(text))
            {
                if (!n.Next.TryGetValue(t, out var child)) n.Next[t] = child = new Node();
                n = child;
            }
            n.Text = text;
            Count++;
        }
    }

    public static IEnumerable<string> Texts(IReadOnlyList<DeviceOptions> devices)
    {
        foreach (var d in devices)
            foreach (var a in d.Actions.Where(IntentNames.All.Contains))
            {
                var head = $"{{\"intent\":\"{a}\",\"device\":\"{Escape(d.Id)}\"";
                foreach (var slot in Slots(a)) yield return head + slot + "}";
            }
        yield return "{\"intent\":\"none\"}";
    }

    static IEnumerable<string> Slots(string action) => action switch
    {
        IntentNames.LightSet => Enumerable.Range(0, 101).Select(v => $",\"brightness\":{v}"),
        IntentNames.SetPosition => Enumerable.Range(0, 101).Select(v => $",\"position\":{v}"),
        IntentNames.ClimateSetTemperature => Enumerable.Range(0, (int)((SlotLimits.MaxTemperature - SlotLimits.MinTemperature) * 2) + 1)
            .Select(i => ",\"temperature\":" + (SlotLimits.MinTemperature + i / 2.0).ToString(CultureInfo.InvariantCulture)),
        _ => [""],
    };

    // Device ids come from the owner's configuration, but a quote in one must not break the JSON.
    static string Escape(string id) => new(id.Where(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.').ToArray());
}
