using EdgeVoice.Audio;
using EdgeVoice.Bench;
using EdgeVoice.Core;

namespace EdgeVoice.Speech.Tests;

/// <summary>
/// The bench gives each recording the room a device would hear after the last word (<see cref="Endpointer.WithTail"/>).
/// Studio prompts are cut close to the last word: the room after it must be the recording's floor, not its last
/// sound repeated. Repeated, the end of "question mark" became a train of clicks that was decoded as words and
/// executed as "set lights to black" (Allison set, session 32).
/// </summary>
public sealed class EndpointerTailTests
{
    const int Rate = AudioClip.PipelineRate;

    static float[] Tone(int n, double amplitude, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(i => (float)(amplitude * (Math.Sin(i * 0.3) + 0.1 * rng.NextDouble()))).ToArray();
    }

    [Fact]
    public void A_recording_cut_close_to_its_last_word_goes_on_at_its_floor()
    {
        // 60 ms of a quiet floor, then a word that runs to the very end of the file: no 200 ms of it are floor.
        float[] clip = [.. Tone(Rate * 6 / 100, 0.001, 1), .. Tone(Rate, 0.3, 2)];
        var tail = Endpointer.WithTail(new AudioClip(clip)).Samples.AsSpan(clip.Length);
        Assert.Equal((int)(Endpointer.TailSeconds * Rate), tail.Length);
        double floor = AudioLevel.Db(clip.AsSpan(0, Rate * 6 / 100)), after = AudioLevel.Db(tail);
        Assert.True(after < floor + 3, $"the tail is {after:F0} dB, the floor {floor:F0} dB");
    }

    [Fact]
    public void A_recording_that_ends_on_its_floor_goes_on_with_its_own_end()
    {
        // The floor at the end is a little louder than at the start: the end is the room as it was, and is kept.
        float[] clip = [.. Tone(Rate / 2, 0.001, 1), .. Tone(Rate, 0.3, 2), .. Tone(Rate / 2, 0.0015, 3)];
        var tail = Endpointer.WithTail(new AudioClip(clip)).Samples;
        int last = clip.Length - Rate / 5;
        Assert.Equal(clip[^1], tail[clip.Length]);
        Assert.Equal(clip[last], tail[clip.Length + Rate / 5 - 1]);
    }
}
