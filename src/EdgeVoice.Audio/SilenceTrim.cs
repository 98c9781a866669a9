using EdgeVoice.Core;

namespace EdgeVoice.Audio;

public static class SilenceTrim
{
    /// <summary>
    /// Cuts leading and trailing silence (20 ms frames more than <paramref name="belowPeakDb"/> under the
    /// loudest frame), keeping <paramref name="padMs"/> around the speech. Grammar decoding without filler
    /// words otherwise has to explain the silence with words.
    /// </summary>
    public static AudioClip Trim(AudioClip clip, double belowPeakDb = 35, int padMs = 80)
    {
        int frame = clip.SampleRate / 50, n = clip.Samples.Length / frame;
        if (n < 3) return clip;
        var energy = new double[n];
        for (int f = 0; f < n; f++) energy[f] = AudioLevel.Db(clip.Samples.AsSpan(f * frame, frame));
        double floor = energy.Max() - belowPeakDb;
        int first = Array.FindIndex(energy, e => e > floor), last = Array.FindLastIndex(energy, e => e > floor);
        if (first < 0) return clip;
        int pad = padMs * clip.SampleRate / 1000;
        int start = Math.Max(0, first * frame - pad), end = Math.Min(clip.Samples.Length, (last + 1) * frame + pad);
        return clip.Slice(start, end - start);
    }
}
