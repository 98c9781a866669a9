using System.Text;
using EdgeVoice.Core;

namespace EdgeVoice.Intents.Llm;

/// <summary>
/// GBNF that lets the LLM write exactly one configured (device, action) pair with valid slots, or
/// {"intent":"none"}. Built only from configuration: nothing the model says can name another device,
/// action or topic, because no other token sequence is allowed.
/// </summary>
public static class IntentGrammar
{
    public static string Build(IReadOnlyList<DeviceOptions> devices)
    {
        var alts = new List<string>();
        foreach (var d in devices)
            foreach (var a in d.Actions.Where(IntentNames.All.Contains))
                alts.Add($"\"{{\\\"intent\\\":\\\"{a}\\\",\\\"device\\\":\\\"{Escape(d.Id)}\\\"\"{Slot(a, d)} \"}}\"");
        alts.Add("\"{\\\"intent\\\":\\\"none\\\"}\"");
        // llama.cpp ends a rule at a newline unless the line ends with "|": the bar goes before the break.
        var sb = new StringBuilder();
        sb.Append("root ::= ").Append(string.Join(" |\n  ", alts)).Append('\n');
        sb.Append("pct ::= \"100\" | [1-9] [0-9] | [0-9]\n");
        sb.Append("temp ::= ([5-9] | [1-2] [0-9] | \"3\" [0-5]) (\".5\")?\n");
        sb.Append("secs ::= [1-9] [0-9]? [0-9]? [0-9]? [0-9]?\n");
        return sb.ToString();
    }

    static string Slot(string action, DeviceOptions d) => action switch
    {
        IntentNames.LightSet => " \",\\\"brightness\\\":\" pct",
        IntentNames.SetPosition => " \",\\\"position\\\":\" pct",
        IntentNames.ClimateSetTemperature => " \",\\\"temperature\\\":\" temp",
        _ => "",
    };

    // Device ids come from the owner's configuration, but a quote in one must not break the grammar.
    static string Escape(string id) => new(id.Where(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.').ToArray());
}
