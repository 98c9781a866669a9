using EdgeVoice.Audio;
using EdgeVoice.Core;

namespace EdgeVoice.Bench;

/// <summary>
/// Real music to speak over: the five pieces of Debian's asterisk-moh-opsound-g722 (opsound.org's music on hold,
/// CC-BY-SA, about 18 minutes in all), a radio playing in the kitchen. Held out from session 33.
/// </summary>
public static class Music
{
    const string Folder = "/usr/share/asterisk/moh";
    const string Install = "apt-get install asterisk-moh-opsound-g722 ffmpeg (scripts/setup.sh does)";

    /// <summary>The pieces, in name order, at the pipeline's rate.</summary>
    public static async Task<List<AudioClip>> PiecesAsync()
    {
        var files = Directory.Exists(Folder) ? Directory.GetFiles(Folder, "*.g722").Order(StringComparer.Ordinal).ToList() : [];
        if (files.Count == 0) throw new FileNotFoundException($"no music on hold in {Folder}: {Install}", Folder);
        var cache = Decoded.Cache("music");
        var pieces = new List<AudioClip>();
        foreach (var f in files) pieces.Add(AudioConvert.Load(await Decoded.WavAsync(f, cache, Path.GetFileNameWithoutExtension(f), Decoded.G722)));
        return pieces;
    }

    /// <summary>
    /// <paramref name="clip"/> with music under all of it, <paramref name="snrDb"/> below the power of its first
    /// <paramref name="measured"/> samples (the words before the room's tail, as <see cref="SpeechBench.Noisy"/> sets noise);
    /// the piece and where in it the music starts are the seed's, so a run hears the same.
    /// </summary>
    public static AudioClip Under(AudioClip clip, IReadOnlyList<AudioClip> pieces, double snrDb, int seed, int measured)
    {
        var rng = new Random(seed);
        var piece = pieces[rng.Next(pieces.Count)].Samples;
        int n = clip.Samples.Length, m = Math.Min(n, measured), at = rng.Next(Math.Max(1, piece.Length - n));
        double rms = AudioLevel.Rms(clip.Samples.AsSpan(0, m)), rmsMusic = AudioLevel.Rms(piece.AsSpan(at, Math.Min(m, piece.Length - at)));
        double gain = rmsMusic == 0 ? 0 : rms / rmsMusic / Math.Pow(10, snrDb / 20);
        var x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float)(clip.Samples[i] + gain * (at + i < piece.Length ? piece[at + i] : 0));
        return new AudioClip(x);
    }

    /// <summary><paramref name="count"/> stretches of music alone, <paramref name="seconds"/> long each, spread over the pieces.</summary>
    public static IEnumerable<AudioClip> Alone(IReadOnlyList<AudioClip> pieces, int count, double seconds)
    {
        int n = (int)(seconds * AudioClip.PipelineRate);
        for (int k = 0; k < count; k++)
        {
            var piece = pieces[k % pieces.Count].Samples;
            int at = (int)((long)(piece.Length - n) * (k / pieces.Count + 1) / (count / pieces.Count + 2));
            yield return new AudioClip(piece[at..(at + n)]);
        }
    }
}
