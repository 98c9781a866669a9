using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using EdgeVoice.Audio;
using EdgeVoice.Core;
using EdgeVoice.Speech;
using EdgeVoice.Speech.PocketSphinx;
using EdgeVoice.Testing;
using EdgeVoice.Wyoming;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Bench;

/// <summary>
/// `EdgeVoice.Bench wyoming`: end of audio → transcript over Wyoming (loopback TCP, audio sent as fast as the
/// socket takes it) against the same recogniser called in process as `simulate` calls it; then the same with
/// several clients at once, and how many idle connections the server holds at what memory.
/// </summary>
public static class WyomingBench
{
    sealed class Client(TcpClient tcp) : IDisposable
    {
        readonly NetworkStream _s = tcp.GetStream();
        readonly EventReader _r = new(tcp.GetStream(), new EventLimits());
        public static async Task<Client> Connect(int port) { var t = new TcpClient { NoDelay = true }; await t.ConnectAsync("127.0.0.1", port); return new Client(t); }
        public Task Send(WyomingEvent e) => _s.WriteAsync(e.Encode()).AsTask();
        public async Task<WyomingEvent> Read() => await _r.ReadAsync(CancellationToken.None) ?? throw new EndOfStreamException("server closed");
        public void Dispose() => tcp.Dispose();

        /// <summary>Streams the clip; returns the transcript and the ms from audio-stop to transcript.</summary>
        public async Task<(string Text, double Ms)> Transcribe(byte[] pcm)
        {
            JsonObject F() { var d = new JsonObject(); PcmFormat.Pipeline.WriteTo(d); return d; }
            await Send(new WyomingEvent("transcribe"));
            await Send(new WyomingEvent("audio-start", F()));
            for (int i = 0; i < pcm.Length; i += 2048) await Send(new WyomingEvent("audio-chunk", F(), pcm[i..Math.Min(pcm.Length, i + 2048)]));
            var sw = Stopwatch.StartNew();
            await Send(new WyomingEvent("audio-stop"));
            for (var e = await Read(); ; e = await Read())
                if (e.Type == "transcript") return (e.Text("text") ?? "", sw.Elapsed.TotalMilliseconds);
                else if (e.Type == "error") throw new InvalidOperationException(e.Text("text"));
        }
    }

    public static async Task RunAsync(string samplesDir, int rounds)
    {
        var app = Profiles.Home;
        app.ModelsDir = Repo.Models;
        var stt = new GrammarRecognizer(Options.Create(new SpeechOptions()), new DeviceCatalog(new Profiles.Monitor<EdgeVoiceOptions>(app)), NullLogger<GrammarRecognizer>.Instance);
        var clips = Directory.GetFiles(samplesDir, "*.wav").Order().Select(f => (Name: Path.GetFileNameWithoutExtension(f), Clip: AudioConvert.Load(f))).ToList();
        var expected = clips.ToDictionary(c => c.Name, c => c.Name.Replace('_', ' '));
        using var server = new WyomingServer(new WyomingOptions { Enabled = true, Host = "127.0.0.1", Port = 0, MaxClients = 256 }, new WyomingStages { Stt = stt });
        await server.StartAsync(default);
        foreach (var (_, clip) in clips) await stt.TranscribeAsync(clip); // warm: grammar built, decoders loaded

        var direct = new List<double>();
        var wire = new List<double>();
        int directOk = 0, wireOk = 0;
        using (var c = await Client.Connect(server.Port))
            for (int r = 0; r < rounds; r++)
                foreach (var (name, clip) in clips)
                {
                    var sw = Stopwatch.StartNew();
                    var t = await stt.TranscribeAsync(clip);
                    direct.Add(sw.Elapsed.TotalMilliseconds);
                    if (t.Text == expected[name]) directOk++;
                    var (text, ms) = await c.Transcribe(Pcm.ToBytes(clip));
                    wire.Add(ms);
                    if (text == expected[name]) wireOk++;
                }
        var t1 = new Table("path", "utterances", "same text as file name", "median ms", "p95 ms");
        t1.Add("in process, whole clip (as `simulate`'s stt)", direct.Count, directOk, Stats.Median(direct), Stats.Percentile(direct, 95));
        t1.Add("Wyoming over loopback: audio-stop → transcript", wire.Count, wireOk, Stats.Median(wire), Stats.Percentile(wire, 95));
        t1.Print("Wyoming speech to text: end of audio → transcript");

        var t2 = new Table("clients at once", "utterances", "right", "median ms", "p95 ms", "wall s");
        foreach (int n in new[] { 1, 2, 4, 8 })
        {
            var all = new List<double>();
            int ok = 0;
            var wall = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, n).Select(async k =>
            {
                using var c = await Client.Connect(server.Port);
                foreach (var (name, clip) in clips.Skip(k % clips.Count).Concat(clips.Take(k % clips.Count)))
                {
                    var (text, ms) = await c.Transcribe(Pcm.ToBytes(clip));
                    lock (all) { all.Add(ms); if (text == expected[name]) ok++; }
                }
            }));
            t2.Add(n, all.Count, ok, Stats.Median(all), Stats.Percentile(all, 95), wall.Elapsed.TotalSeconds);
        }
        t2.Print("Wyoming speech to text, several clients at once (2 cores: decoding is shared)");

        GC.Collect();
        long before = Rss();
        var held = new List<Client>();
        for (int i = 0; i < 200; i++)
        {
            var c = await Client.Connect(server.Port);
            await c.Send(new WyomingEvent("ping"));
            if ((await c.Read()).Type == "pong") held.Add(c);
        }
        var probe = held[0];
        var (ptext, pms) = await probe.Transcribe(Pcm.ToBytes(clips[0].Clip));
        var t3 = new Table("idle connections held", "each answered ping", "RSS growth MB", "a transcript meanwhile ms", "right");
        t3.Add(held.Count, server.ActiveConnections, (Rss() - before) / 1048576.0, pms, ptext == expected[clips[0].Name] ? "yes" : "no");
        t3.Print("Wyoming connections held (Wyoming:MaxClients raised to 256 for this row; the default is 8)");
        foreach (var c in held) c.Dispose();
        await server.StopAsync(default);
    }

    static long Rss()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmRSS:")) return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        return 0;
    }
}
