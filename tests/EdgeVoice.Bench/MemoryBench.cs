using System.Runtime.InteropServices;
using EdgeVoice.Audio;
using EdgeVoice.Core;
using EdgeVoice.Intents.Llm;
using EdgeVoice.Speech;
using EdgeVoice.Testing;
using LLama.Common;
using LLama.Native;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Bench;

/// <summary>
/// Where the resident memory of Whisper tiny.en + the 0.5B LLM goes, stage by stage, for one llama.cpp
/// setting (one variant per process: the peak is per process). Anonymous memory is what the process
/// allocated; file memory is mapped model pages it touched, which the kernel can drop and reread.
/// </summary>
public static class MemoryBench
{
    public static readonly Dictionary<string, Action<ModelParams>?> Variants = new()
    {
        ["default"] = null,
        ["mmap"] = p => p.LoadMode = LLamaLoadMode.MemoryMap,
        ["ctx512"] = p => p.ContextSize = 512,
        ["ubatch512"] = p => p.UBatchSize = 512,
        ["ubatch16"] = p => p.UBatchSize = 16,
        ["kv-q8"] = p => { p.TypeK = GGMLType.GGML_TYPE_Q8_0; p.TypeV = GGMLType.GGML_TYPE_Q8_0; },
        ["no-flash"] = p => p.FlashAttention = false,
    };

    public static async Task RunAsync(string variant, string samplesDir, int commands)
    {
        if (!Variants.TryGetValue(variant, out var tune))
            throw new ArgumentException($"variant {variant}: one of {string.Join(", ", Variants.Keys)}");
        var t = new Table("after", "VmRSS MB", "anon MB", "file MB", "peak (VmHWM) MB");
        void Row(string step) { var m = Mem.Read(); t.Add(step, m.Rss, m.Anon, m.File, m.Hwm); }
        Row("start (runtime, nothing loaded)");

        var clip = AudioConvert.Load(Directory.GetFiles(samplesDir, "*.wav").Order().First());
        var o = new SpeechOptions { WhisperModel = TestModels.Resolve(TestModels.WhisperTiny), AllowRandomWeights = true, WhisperMaxTokens = 48, WhisperTemperatureFallback = false };
        using var whisper = new WhisperRecognizer(Options.Create(o), Options.Create(new EdgeVoiceOptions()), NullLogger<WhisperRecognizer>.Instance);
        await whisper.RunAsync(clip);
        Row($"Whisper {Path.GetFileName(o.WhisperModel)}: one clip");

        var path = TestModels.Resolve(TestModels.Qwen);
        using var llm = LocalLlm.Load(path, 2, 1024, Profiles.Home.Devices, NullLogger.Instance, allowRandomWeights: true, tune: tune);
        Row($"LLM {Path.GetFileName(path)} loaded");
        for (int i = 0; i < commands; i++) await llm.CommandAsync(ModelBench.Phrases[i % ModelBench.Phrases.Length], default);
        Row($"{commands} commands (prefix saved and restored)");
        await llm.AnswerAsync("how long should I boil an egg", 24, default);
        Row("one answer (24 tokens)");
        await whisper.RunAsync(clip);
        Row("Whisper again");
        // The loop's pattern: each clip transcribed, then a command, from whichever pool thread is free.
        const int rounds = 10;
        for (int i = 0; i < rounds; i++)
        {
            await Task.Run(() => whisper.RunAsync(clip));
            await Task.Run(() => llm.CommandAsync(ModelBench.Phrases[i % ModelBench.Phrases.Length], default));
        }
        Row($"{rounds} more rounds of Whisper + command");
        t.Print($"Memory, llama.cpp variant '{variant}' ({Path.GetFileName(path)}, ctx 1024 unless the variant says)");
    }
}

/// <summary>This process's memory from /proc/self/status, in MB.</summary>
public readonly record struct Mem(double Rss, double Anon, double File, double Hwm, double MallocUsed = double.NaN, double MallocFree = double.NaN, double GcCommitted = double.NaN)
{
    /// <summary>glibc's totals over all arenas: allocated (in use, mmapped blocks included) and free but kept.</summary>
    [StructLayout(LayoutKind.Sequential)]
    struct MallInfo2 { public nuint Arena, Ordblks, Smblks, Hblks, Hblkhd, Usmblks, Fsmblks, Uordblks, Fordblks, Keepcost; }

    [DllImport("libc", EntryPoint = "mallinfo2")]
    static extern MallInfo2 mallinfo2();

    public static Mem Read()
    {
        var kb = new Dictionary<string, double>();
        foreach (var line in System.IO.File.ReadLines("/proc/self/status"))
        {
            var parts = line.Split(':', 2);
            if (parts.Length == 2 && parts[1].Trim().EndsWith(" kB"))
                kb[parts[0]] = double.Parse(parts[1].Trim()[..^3]);
        }
        double used = double.NaN, free = double.NaN;
        try { var mi = mallinfo2(); used = (mi.Uordblks + mi.Hblkhd) / 1048576.0; free = mi.Fordblks / 1048576.0; }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { }
        return new Mem(kb["VmRSS"] / 1024, kb["RssAnon"] / 1024, kb["RssFile"] / 1024, kb["VmHWM"] / 1024, used, free,
            GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0);
    }
}

/// <summary>
/// The whole loop's resident memory stage by stage: wraps the host's recogniser and intent stage and reads
/// /proc/self/status after each call (first clip, then every round's end).
/// </summary>
public sealed class StageMemory
{
    readonly List<(string Step, Mem Mem)> _rows = [];
    public void Mark(string step) { lock (_rows) _rows.Add((step, Mem.Read())); }
    public int Count { get { lock (_rows) return _rows.Count; } }

    public void Print(string title)
    {
        var t = new Table("after", "VmRSS MB", "anon MB", "file MB", "peak (VmHWM) MB", "malloc in use MB", "malloc free MB", "GC committed MB");
        foreach (var (step, m) in _rows) t.Add(step, m.Rss, m.Anon, m.File, m.Hwm, m.MallocUsed, m.MallocFree, m.GcCommitted);
        t.Print(title);
    }

    public sealed class Stt(ISpeechToText inner, StageMemory trace) : ISpeechToText
    {
        int _n;
        public string Name => inner.Name;
        public async Task<Transcript> TranscribeAsync(AudioClip clip, CancellationToken ct = default)
        {
            var t = await inner.TranscribeAsync(clip, ct);
            if (Interlocked.Increment(ref _n) <= 2) trace.Mark($"speech-to-text #{_n} ({inner.Name})");
            return t;
        }
    }

    public sealed class Intents(IIntentRecognizer inner, StageMemory trace) : IIntentRecognizer
    {
        int _n;
        public async Task<IntentResult> RecognizeAsync(string text, CancellationToken ct = default) => Mark(await inner.RecognizeAsync(text, ct));
        public async Task<IntentResult> RecognizeUnsureAsync(string text, CancellationToken ct = default) => Mark(await inner.RecognizeUnsureAsync(text, ct));
        IntentResult Mark(IntentResult r)
        {
            if (Interlocked.Increment(ref _n) <= 2) trace.Mark($"intent #{_n} (tier {r.Tier})");
            return r;
        }
    }
}
