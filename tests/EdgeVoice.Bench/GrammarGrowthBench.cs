using EdgeVoice.Core;
using EdgeVoice.Intents;
using EdgeVoice.Testing;

namespace EdgeVoice.Bench;

/// <summary>
/// Whether the grammar stays accurate as the configured home grows (issue 19): the Piper set heard with
/// config/speech-dev.json's devices and with more everyday devices added in new and existing areas, per grammar source.
/// </summary>
public static class GrammarGrowthBench
{
    /// <summary>Devices a home adds, in the order they are added: a mix of domains and areas, none named like a decoy.</summary>
    static readonly (string Name, string Area, string Type)[] More =
    [
        ("desk lamp", "study", "light"), ("coffee maker", "kitchen", "switch"), ("ceiling fan", "bedroom", "fan"), ("blinds", "living room", "cover"),
        ("floor lamp", "living room", "light"), ("indoor temperature", "living room", "sensor"), ("mirror light", "bathroom", "light"),
        ("space heater", "office", "switch"), ("curtains", "bedroom", "cover"), ("night light", "kids room", "light"), ("bathroom fan", "bathroom", "fan"),
        ("pendant lights", "dining room", "light"), ("dehumidifier", "basement", "switch"), ("garden lights", "garden", "light"),
        ("back gate", "garden", "lock"), ("reading lamp", "living room", "light"), ("fish tank", "study", "switch"), ("skylight", "study", "cover"),
        ("basement light", "basement", "light"), ("attic fan", "attic", "fan"), ("towel warmer", "bathroom", "switch"), ("closet light", "bedroom", "light"),
        ("basement humidity", "basement", "sensor"), ("cabinet lights", "kitchen", "light"), ("shed door", "garden", "cover"),
        ("christmas tree", "living room", "switch"), ("strip lights", "office", "light"), ("hall lamp", "hallway", "light"),
        ("thermostat", "hallway", "climate"), ("fountain", "garden", "switch"), ("ceiling light", "living room", "light"),
    ];

    /// <summary>config/speech-dev.json with devices added from <see cref="More"/> up to <paramref name="count"/>, each with its domain's actions.</summary>
    public static EdgeVoiceOptions Grown(int count)
    {
        var home = Profiles.Load("speech-dev");
        // As the host's PostConfigure does for a device configured by its domain alone (the shopping list); the others keep their own.
        foreach (var d in home.Devices.Where(d => d.Actions.Count == 0)) HaDomains.ApplyDefaults(d);
        int add = count - home.Devices.Count;
        if (add < 0 || add > More.Length) throw new ArgumentOutOfRangeException(nameof(count), $"from {home.Devices.Count} to {home.Devices.Count + More.Length} devices");
        foreach (var (name, area, type) in More.Take(add))
        {
            var id = name.Replace(' ', '_');
            // No confirmation turns: what is measured is the hearing, not the domain's yes/no questions.
            var d = new DeviceOptions { Id = id, Name = name, Area = area, Type = type, CommandTopic = $"dev/{id}/set", DomainConfirm = false };
            HaDomains.ApplyDefaults(d);
            home.Devices.Add(d);
        }
        return home;
    }

    public static async Task RunAsync(string[] sources, int[] sizes, TextWriter output)
    {
        var clips = VoiceFamilies.Piper().ToList();
        var rows = new List<SourceRow>();
        foreach (var size in sizes)
            foreach (var source in sources)
            {
                var lines = new StringWriter();
                var watch = System.Diagnostics.Stopwatch.StartNew();
                rows.Add(await SourceFamilies.ScoreAsync($"piper, {size} devices", Grown(size), clips, source, lines));
                // Only what went wrong per clip: the misses are the same kind at every size.
                foreach (var l in lines.ToString().Split('\n').Where(l => l.Contains("WRONG ACTION") || l.Contains("wrong answer"))) output.WriteLine(l);
                output.WriteLine($"{rows[^1].Line} ({watch.Elapsed.TotalSeconds:F0} s)");
            }
        output.WriteLine(SourceRow.Header);
        foreach (var r in rows) output.WriteLine(r.Line);
    }
}
