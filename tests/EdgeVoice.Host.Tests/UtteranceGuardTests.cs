using System.Buffers.Binary;
using EdgeVoice.Core;
using EdgeVoice.Host.Pipeline;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Host.Tests;

/// <summary>`simulate --wav` and `run_wav`: audio that cannot be a command is rejected before it costs anything.</summary>
public sealed class UtteranceGuardTests
{
    static readonly UtteranceGuard Guard = new(Options.Create(new UtteranceOptions()));

    [Fact]
    public void A_long_file_is_rejected_from_its_header_without_decoding_it()
    {
        // 20 MB of 8-bit audio at 4 kHz (5000 s): decoding it first cost 500 MB and 88 s.
        var path = Path.Combine(Repo.TempDir("guard"), "long.wav");
        using (var f = File.Create(path))
        {
            var h = File.ReadAllBytes(Path.Combine(Repo.Models, "samples", "open_the_blinds.wav"))[..44];
            BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(22), 1); // mono
            BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(24), 4000);
            BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(28), 4000);
            BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(32), 1);
            BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(34), 8);
            BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(40), 20_000_000);
            f.Write(h);
            f.SetLength(44 + 20_000_000);
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<AudioFormatException>(() => Guard.Load(path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("5000 s is longer than the 30 s limit", e.Message);
        Assert.True(allocated < 1 << 20, $"rejecting it allocated {allocated / 1e6:F1} MB: the file was read or decoded first");
    }

    [Fact]
    public void A_clip_of_non_finite_samples_is_not_taken_for_speech()
    {
        var e = Assert.Throws<AudioFormatException>(() => Guard.Check(new AudioClip(Enumerable.Repeat(float.NaN, 16000).ToArray()), "nan"));
        Assert.Contains("not finite", e.Message);
    }
}
