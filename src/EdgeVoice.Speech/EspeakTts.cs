using System.ComponentModel;
using System.Diagnostics;
using EdgeVoice.Audio;
using EdgeVoice.Core;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Speech;

/// <summary>Spoken replies with espeak-ng (Debian). Text goes in as an argument, never through a shell.</summary>
public sealed class EspeakTts(IOptions<SpeechOptions> options) : ITextToSpeech
{
    public async Task<AudioClip> SynthesizeAsync(string text, CancellationToken ct = default)
    {
        var o = options.Value;
        Process p;
        try { p = Process.Start(EspeakTool.StartInfo(o.EspeakPath, ["-v", o.TtsVoice, "-s", o.TtsWordsPerMinute.ToString(), "--stdout", "--", text]))!; }
        catch (Win32Exception e) { throw new InvalidOperationException(EspeakTool.Missing(o.EspeakPath), e); }
        using (p)
        {
            using var ms = new MemoryStream();
            var err = p.StandardError.ReadToEndAsync(ct);
            await p.StandardOutput.BaseStream.CopyToAsync(ms, ct);
            await p.WaitForExitAsync(ct);
            if (p.ExitCode != 0) throw new InvalidOperationException($"espeak-ng failed ({p.ExitCode}): {(await err).Trim()}");
            // --stdout leaves the RIFF sizes unset (it cannot seek back); WavReader reads to the end then.
            return AudioConvert.ToPipeline(WavReader.Read(ms.ToArray(), "espeak-ng output"));
        }
    }
}
