using EdgeVoice.Core;

namespace EdgeVoice.Audio;

/// <summary>Simulation's loudspeaker: each reply becomes &lt;dir&gt;/&lt;utteranceId&gt;.wav.</summary>
public sealed class WavFileOutput(string directory) : IAudioOutput
{
    public Task<string?> PlayAsync(AudioClip clip, string utteranceId, CancellationToken ct = default)
    {
        var path = Path.Combine(directory, Sanitize(utteranceId) + ".wav");
        WavWriter.Write(path, clip);
        return Task.FromResult<string?>(path);
    }

    public void Stop() { }

    static string Sanitize(string s) => string.Concat(s.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
