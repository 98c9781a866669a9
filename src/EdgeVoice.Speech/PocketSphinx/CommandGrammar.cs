using System.Text;
using System.Text.RegularExpressions;
using EdgeVoice.Core;

namespace EdgeVoice.Speech.PocketSphinx;

/// <summary>
/// Builds a JSGF grammar from the shared command templates and the configured devices, so the
/// recogniser can only hear sentences the intent rules understand (or, by <see cref="Source"/>, the
/// sentences the template tier understands). A pure function of configuration.
/// </summary>
public static partial class CommandGrammar
{
    static readonly string[] Ones = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
        "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
    static readonly string[] Tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    /// <param name="answers">Also the answers to a confirmation question (<see cref="Replies"/>), besides the commands.</param>
    /// <param name="source">Speech:GrammarSource: the intent stage's sentences (the on-device intents' or all) besides or
    /// instead of <see cref="CommandSentences"/>; null: those alone.</param>
    /// <param name="templates">The template tier when it is on: its on-device sentences ("what time is it") and its
    /// satellite area's ("turn on the lights") are said too. Null: neither.</param>
    public static string Build(IReadOnlyList<DeviceOptions> devices, bool answers = false, GrammarSource? source = null, TemplateTier? templates = null)
    {
        var rules = new List<string>();
        var sb = new StringBuilder("#JSGF V1.0;\ngrammar edgevoice;\n");
        int n = 0;
        if (source?.Rules(devices) is { } heard)
        {
            foreach (var r in heard.Rules) sb.Append(r).Append('\n');
            rules.AddRange(heard.Sentences.Select(s => $"<{s}>"));
        }
        foreach (var t in source?.Only == true ? [] : CommandSentences.Templates)
        {
            if (CommandSentences.Targets(t, devices, templates, source?.Timers == true) is not { } targets) continue;
            string? body = Normalize(t.Pattern);
            foreach (var slot in CommandSentences.DeviceSlots.Where(s => body?.Contains($"<{s}>") == true))
            {
                var said = targets.SelectMany(d => CommandSentences.SlotValues(slot, d)).ToList();
                // Decoys compete with the names: "turn on the garage light" is heard as such, not as the nearest name.
                body = said.Count == 0 ? null : body!.Replace($"<{slot}>", Alternatives(slot == "name" ? said.Concat(DecoysFor(devices)) : said));
            }
            if (body is null) continue;
            var rule = $"t{n++}";
            sb.Append($"<{rule}> = {body};\n");
            rules.Add($"<{rule}>");
        }
        if (rules.Count == 0) throw new InvalidOperationException("no command sentences: configure at least one device with actions");
        // Answers to a confirmation question ("start the press? say yes or no") only while one is open:
        // in the grammar all the time they cost the home bench two commands and added a false command.
        if (answers)
        {
            sb.Append($"<reply> = {Replies.Pattern};\n");
            rules.Add("<reply>");
        }
        bool lead = Lead.In(source);
        sb.Append(lead ? Lead.Rule : "").Append($"public <command> = {(lead ? Lead.Before : "")}({string.Join(" | ", rules)});\n");
        sb.Append($"<number> = {Numbers(Ones)};\n");
        sb.Append($"<unit> = {string.Join(" | ", CommandSentences.Units)};\n");
        if (sb.ToString().Contains("<duration>"))
            sb.Append($"<duration> = {CommandSentences.Duration};\n<count> = {Numbers(Ones.Where(o => o != "one"))};\n");
        // Only with a light that takes a colour: the colour words would otherwise join the free loop's vocabulary for nothing.
        if (sb.ToString().Contains("<color>")) sb.Append($"<color> = {string.Join(" | ", CommandSentences.Colors)};\n");
        return sb.ToString();
    }

    /// <summary>JSGF for 0..100 spoken, the numbers under twenty from <paramref name="ones"/>.</summary>
    static string Numbers(IEnumerable<string> ones) =>
        $"{string.Join(" | ", ones)} | ({string.Join(" | ", Tens)}) [{string.Join(" | ", Ones[1..10])}] | one hundred";

    /// <summary>A number as the grammar says it: 21 → "twenty one", 100 → "one hundred"; null outside 0..100.</summary>
    public static string? NumberWords(int n) => n switch
    {
        < 0 or > 100 => null,
        100 => "one hundred",
        < 20 => Ones[n],
        _ => n % 10 == 0 ? Tens[n / 10 - 2] : $"{Tens[n / 10 - 2]} {Ones[n % 10]}",
    };

    /// <summary>
    /// Names of things that are commonly in a home or factory but not configured. They compete with the
    /// configured names, so "turn on the garage light" is heard as such (and refused by the intent stage
    /// as an unknown device) instead of being pulled onto the nearest configured name.
    /// </summary>
    public static readonly string[] Decoys =
    [
        "garage light", "garage door", "garage", "bedroom light", "bathroom light", "hallway light", "porch light",
        "front door", "back door", "door", "window", "oven", "stove", "tv", "television", "radio", "dishwasher",
        "washing machine", "dryer", "alarm", "lock", "car", "robot", "welder", "compressor", "forklift", "printer", "computer",
    ];

    /// <summary>True when a hypothesis names one of the decoys rather than a configured device.</summary>
    public static bool MentionsDecoy(string hypothesis, IReadOnlyList<DeviceOptions> devices) => MentionsDecoy(hypothesis, DecoysFor(devices));

    /// <param name="decoys"><see cref="DecoysFor"/> the devices, worked out once per grammar rather than per utterance.</param>
    public static bool MentionsDecoy(string hypothesis, IReadOnlyCollection<string> decoys) =>
        decoys.Any(d => (" " + hypothesis + " ").Contains(" " + d + " ", StringComparison.Ordinal));

    /// <summary>The decoys that stay decoys with these devices: none that names, or is a word of a sentence for, a configured device.</summary>
    public static IReadOnlyList<string> DecoysFor(IReadOnlyList<DeviceOptions> devices)
    {
        var configured = devices.SelectMany(d => d.SpokenNames().Append(d.Area)).Select(SpokenForm).ToHashSet();
        // A word of a sentence the devices can be commanded with ("lock the front door") is no decoy.
        var said = TemplateWords(CommandSentences.Templates.Where(t => devices.Any(t.AppliesTo))).ToHashSet();
        return Decoys.Where(d => !configured.Contains(d) && !said.Contains(d) && !configured.Any(c => c.Contains(d) || d.Contains(c) && c.Length > 3)).ToArray();
    }

    /// <summary>
    /// The words of the sentences and the configured names, without the decoys': accent variants go to
    /// these only, since a decoy with more ways to be said absorbs real commands ("the alarm" for "the fan").
    /// </summary>
    public static IEnumerable<string> OwnWords(IReadOnlyList<DeviceOptions> devices) =>
        TemplateWords(CommandSentences.Templates)
            .Concat(devices.SelectMany(d => d.SpokenNames().Append(d.Area)).SelectMany(WordsOf))
            .Distinct();

    /// <summary>The words the templates say themselves, without their slots.</summary>
    internal static IEnumerable<string> TemplateWords(IEnumerable<SentenceTemplate> templates) =>
        templates.SelectMany(t => WordsOf(SlotRx().Replace(t.Pattern, " ")));

    static IEnumerable<string> WordsOf(string text) => WordRx().Matches(SpokenForm(text)).Select(m => m.Value);

    /// <summary>Every distinct word the grammar can produce (for the dictionary check).</summary>
    public static IEnumerable<string> Words(string jsgf) =>
        jsgf.Split('\n').Where(l => l.StartsWith('<') || l.StartsWith("public"))
            .Select(l => l[(l.IndexOf('=') + 1)..])
            .SelectMany(l => WordRx().Matches(RuleRefRx().Replace(l, " ")).Select(m => m.Value))
            .Where(w => !Lead.IsLead(w))
            .Distinct();

    /// <summary>Lower-case words only: what the recogniser outputs and the rule matcher expects.</summary>
    public static string SpokenForm(string name) =>
        SpaceRx().Replace(NonWordRx().Replace(name.ToLowerInvariant(), " "), " ").Trim();

    static string Alternatives(IEnumerable<string> names) =>
        "(" + string.Join(" | ", names.Select(SpokenForm).Where(s => s.Length > 0).Distinct()) + ")";

    static string Normalize(string pattern) => SlotRx().Replace(pattern, m => $"<{m.Groups[1].Value}>");

    [GeneratedRegex(@"\{(\w+)\}")] private static partial Regex SlotRx();
    [GeneratedRegex(@"<[^>]+>")] private static partial Regex RuleRefRx();
    [GeneratedRegex(@"[a-z']+")] private static partial Regex WordRx();
    [GeneratedRegex(@"[^a-z' ]")] private static partial Regex NonWordRx();
    [GeneratedRegex(@"\s+")] private static partial Regex SpaceRx();
}
