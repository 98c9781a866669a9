using EdgeVoice.Audio;
using EdgeVoice.Core;
using EdgeVoice.Host.Pipeline;

namespace EdgeVoice.Host.Tests;

/// <summary>`simulate --stream`: wake word, command, chatter and silence in one recording, through the real front end.</summary>
public sealed class StreamSimulationTests
{
    static readonly (string Command, string Topic, string Payload)[] Pairs =
    [
        ("turn on the kitchen light", "home/kitchen/light/set", "{\"state\":\"ON\"}"),
        ("turn off the kettle", "home/kitchen/kettle/set", "OFF"),
        ("open the blinds", "home/living_room/blinds/set", "OPEN"),
    ];

    /// <summary>A recording made phrase by phrase: espeak-ng speech and silence.</summary>
    sealed class Recording(string dir)
    {
        readonly List<float> _x = [];
        public long Ms => _x.Count * 1000L / AudioClip.PipelineRate;
        // Trimmed: espeak-ng ends each clip with ~0.4 s of silence, which would put the "phrase end" that much after the speech.
        public async Task Say(string text, string voice = "en-us") =>
            _x.AddRange(SilenceTrim.Trim(AudioConvert.Load(await Espeak.SayAsync(text, dir, voice, 150)), 40, 0).Samples);
        public void Silence(double s) => _x.AddRange(new float[(int)(s * AudioClip.PipelineRate)]);

        /// <param name="floorDbfs">A microphone's own noise under it all, if any.</param>
        public string Write(string name, double? floorDbfs = null)
        {
            var x = _x.ToArray();
            if (floorDbfs is { } db)
            {
                var floor = AudioLevel.Set(Noise.White(new Random(7), x.Length), db);
                for (int i = 0; i < x.Length; i++) x[i] += floor[i];
            }
            var path = Path.Combine(dir, name);
            WavWriter.Write(path, new AudioClip(x));
            return path;
        }
    }

    /// <summary>Chatter, silence, "hey jarvis" and a command, three times; returns the file and the phrase ends.</summary>
    static async Task<(string Path, List<long> PhraseEnds)> BuildStream(string dir)
    {
        var r = new Recording(dir);
        var phraseEnds = new List<long>();
        r.Silence(1);
        foreach (var (command, _, _) in Pairs)
        {
            await r.Say("I think we should have dinner at seven", "en+m3");
            r.Silence(1.5);
            await r.Say("hey jarvis");
            phraseEnds.Add(r.Ms);
            r.Silence(0.6);
            await r.Say(command);
            r.Silence(2);
        }
        return (r.Write("stream.wav"), phraseEnds);
    }

    [Fact]
    public async Task Each_wake_word_and_command_in_a_long_recording_becomes_one_report()
    {
        var dir = Repo.TempDir("stream");
        var (stream, phraseEnds) = await BuildStream(dir);
        var pairs = Pairs;

        var run = await SimulateCli.SimulateWithBrokerAsync([], dir, null, "--stream", stream);

        Assert.True(run.Lines.Count == pairs.Length, $"{run.Lines.Count} reports\n{run.StdErr}");
        for (int i = 0; i < pairs.Length; i++)
        {
            var line = run.Lines[i];
            Assert.Contains((pairs[i].Topic, pairs[i].Payload), line.Published());
            long wake = line.GetProperty("wake_at_ms").GetInt64();
            Assert.InRange(wake, phraseEnds[i] - 300, phraseEnds[i] + 600);
            Assert.True(line.GetProperty("speech_end_ms").GetInt64() > wake);
        }
    }

    /// <summary>"hey jarvis", a command, a pause as long as the device's spoken question and then some, and a second sentence with no wake word.</summary>
    static async Task<(string Path, long SecondStartMs)> CommandThenAnswer(string dir, string command, string second)
    {
        var r = new Recording(dir);
        r.Silence(1);
        await r.Say("hey jarvis");
        r.Silence(0.6);
        await r.Say(command);
        r.Silence(5);
        long secondAt = r.Ms;
        await r.Say(second);
        r.Silence(3);
        // After long digital silence, which no microphone gives, pocketsphinx's live normalisation heard
        // "start the press" as something else.
        return (r.Write("answer.wav", floorDbfs: -65), secondAt);
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("no", false)]
    public async Task After_a_question_the_answer_needs_no_wake_word(string answer, bool published)
    {
        var dir = Repo.TempDir("stream-answer");
        var (stream, answerAt) = await CommandThenAnswer(dir, "start the press", answer);

        var run = await SimulateCli.SimulateWithBrokerAsync([], dir, new Dictionary<string, string> { ["EDGEVOICE__Profile"] = "factory" }, "--stream", stream);

        Assert.True(run.Lines.Count == 2, $"{run.Lines.Count} reports\n{run.StdErr}");
        var (ask, reply) = (run.Lines[0], run.Lines[1]);
        Assert.Contains("confirm", ask.GetProperty("reply").GetString());
        Assert.Equal("follow-up", reply.GetProperty("trigger").GetString());
        // The window opens just after the spoken question would end, before the answer starts.
        long opened = reply.GetProperty("wake_at_ms").GetInt64();
        Assert.InRange(opened, ask.GetProperty("speech_end_ms").GetInt64() + ask.GetProperty("reply_ms").GetInt64() + FollowUps.EchoGuardMs, answerAt);
        // Heard as the same answer: the grammar's replies include "nope" beside "no" (the clean-speech searches
        // hear this "no" as "nope"), and what the device does depends on yes or no alone.
        var heard = reply.GetProperty("transcript").GetString() ?? "";
        Assert.True(Replies.IsWhole(heard) && Replies.Starts(heard) == (answer == "yes"), $"heard '{heard}'\n{run.StdErr}");
        var press = reply.Published().Where(m => m.Topic.StartsWith("factory/", StringComparison.Ordinal)).ToList();
        Assert.True(published ? press.SequenceEqual([("factory/line1/press/cmd", "{\"cycle\":\"start\"}")]) : press.Count == 0, $"{reply}\n{run.StdErr}");
    }

    [Fact]
    public async Task A_stop_said_while_a_start_waits_for_its_yes_stops_at_once()
    {
        var dir = Repo.TempDir("stream-stop");
        var (stream, _) = await CommandThenAnswer(dir, "start conveyor one", "stop conveyor two");

        var run = await SimulateCli.SimulateWithBrokerAsync([], dir, new Dictionary<string, string> { ["EDGEVOICE__Profile"] = "factory" }, "--stream", stream);

        Assert.True(run.Lines.Count == 2, $"{run.Lines.Count} reports\n{run.StdErr}");
        Assert.Empty(run.Lines[0].Published());
        var stop = run.Lines[1];
        Assert.Equal("follow-up", stop.GetProperty("trigger").GetString());
        Assert.True(stop.Published().Contains(("factory/line2/conveyor/cmd", "{\"run\":false}")), $"{stop}\n{run.StdErr}");
        Assert.DoesNotContain(stop.Published(), m => m.Topic == "factory/line1/conveyor/cmd");
    }

    [Fact]
    public async Task Without_a_question_speech_after_a_command_needs_the_wake_word()
    {
        var dir = Repo.TempDir("stream-no-question");
        var (stream, _) = await CommandThenAnswer(dir, "turn on the kitchen light", "turn off the kettle");

        var run = await SimulateCli.SimulateWithBrokerAsync([], dir, null, "--stream", stream);

        var only = Assert.Single(run.Lines);
        Assert.Equal("wake", only.GetProperty("trigger").GetString());
        Assert.Contains(("home/kitchen/light/set", "{\"state\":\"ON\"}"), only.Published());
    }

    /// <summary>`edgevoice run` with the file as its microphone, until the file ends.</summary>
    static Task<Proc.Result> RunService(string dir, string stream, int brokerPort, string profile = "home")
    {
        var settings = TestSettings.Service(dir, brokerPort, stream);
        settings["Profile"] = profile;
        var env = settings.AsEnv();
        return Proc.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "edgevoice.dll"), "run"], TimeSpan.FromMinutes(2), env: env);
    }

    [Fact]
    public async Task The_service_listens_to_its_microphone_and_commands_reach_the_broker()
    {
        var dir = Repo.TempDir("service");
        var (stream, _) = await BuildStream(dir);
        await using var broker = await MosquittoBroker.StartAsync();
        await using var sub = await MqttSub.StartAsync(broker, "home/#");

        var r = await RunService(dir, stream, broker.Port);

        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}\n{r.StdErr}{r.StdOut}");
        var got = await sub.WaitForAsync(m => m.Count >= Pairs.Length, TimeSpan.FromSeconds(5));
        foreach (var (command, topic, payload) in Pairs)
            Assert.True(got.Contains((topic, payload)), $"'{command}' did not reach {topic}\n{r.StdOut}");
        Assert.Contains("ended; stopping", r.StdOut + r.StdErr);
    }

    [Fact]
    public async Task The_service_hears_the_answer_to_its_question_without_the_wake_word()
    {
        var dir = Repo.TempDir("service-answer");
        var (stream, _) = await CommandThenAnswer(dir, "start the press", "yes");
        await using var broker = await MosquittoBroker.StartAsync();
        await using var sub = await MqttSub.StartAsync(broker, "factory/line1/press/#");

        var r = await RunService(dir, stream, broker.Port, "factory");

        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}\n{r.StdErr}{r.StdOut}");
        var got = await sub.WaitForAsync(m => m.Count >= 1, TimeSpan.FromSeconds(5));
        Assert.True(got.Contains(("factory/line1/press/cmd", "{\"cycle\":\"start\"}")), r.StdOut + r.StdErr);
        Assert.Contains("listening for the answer without the wake word", r.StdOut + r.StdErr);
    }
}
