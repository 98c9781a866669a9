using System.Globalization;
using System.Text.RegularExpressions;
using EdgeVoice.Core;
using EdgeVoice.Intents.Llm;
using EdgeVoice.Intents.Templates;
using EdgeVoice.Intents.Timers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Intents;

/// <summary>
/// The intent stage: rules first, then the session context (follow-ups, confirmations), deterministic
/// answers (device state, time, arithmetic), then the local LLM and the opt-in remote model.
/// </summary>
public sealed partial class IntentEngine(
    IOptionsMonitor<EdgeVoiceOptions> app,
    DeviceCatalog devices,
    IOptions<IntentOptions> options,
    IDeviceStateStore states,
    IThrottleState throttle,
    RemoteChat remote,
    TimeProvider clock,
    ILogger<IntentEngine> log,
    DeviceTimers timers) : IIntentRecognizer, IDialogState, IDisposable
{
    public const string NoOpenSpeech = "I can only do device commands right now.";
    public const string NothingToConfirm = "There is nothing to confirm right now.";
    readonly object _gate = new();
    // The session has a lock of its own: _gate is held through a template compile (hundreds of ms at start-up
    // and after a device edit) and an LLM load, and the recogniser reads ExpectsAnswer at every utterance start.
    readonly object _sessionGate = new();
    Session? _session;
    LocalLlm? _llm;
    bool _llmTried;
    TemplateSet? _templateSet;
    TemplateIntents? _templates;
    IReadOnlyList<DeviceOptions>? _templatesFor;
    readonly ManualResetEventSlim _firstUtterance = new();

    sealed record Session(DateTimeOffset At, IReadOnlyList<Intent> Last, IReadOnlyList<Intent>? Pending);

    IReadOnlyList<DeviceOptions> Devices => devices.Devices;

    /// <summary>A confirmation question is open (until answered or the session expires).</summary>
    public bool ExpectsAnswer => CurrentSession()?.Pending is not null;

    public Task<IntentResult> RecognizeAsync(string text, CancellationToken ct = default) => RecognizeAsync(text, act: true, ct);

    /// <param name="act">False while the transcript waits for a yes: what runs on the device itself (timers) is
    /// returned as intents to run after the yes, not run.</param>
    async Task<IntentResult> RecognizeAsync(string text, bool act, CancellationToken ct)
    {
        _firstUtterance.Set();
        var rules = new RuleMatcher(Devices, options.Value.SatelliteArea);
        var s = TextNormalizer.Normalize(text);
        var session = CurrentSession();
        var yes = Replies.Starts(s);
        bool whole = Replies.IsWhole(s);
        var r = rules.Match(text);

        if (session?.Pending is { } pending)
        {
            // "stop conveyor two" while a start waits for its yes is that command, not a "no": only what
            // names no device ("no", "yes do it", "no the other one") answers the question.
            if (whole || r.Outcome == RuleOutcome.NoMatch)
            {
                if (yes == true && pending is [{ Device: null } timer] && IntentNames.Timers.Contains(timer.Name))
                {
                    Remember([], null);
                    return OnDevice(timer.Name, timer.Slots, "rules", act: true)!;
                }
                if (yes == true) return Done(pending, "OK, " + Say(pending) + ".", "rules");
                if (yes == false) { Remember([], null); return IntentResult.None("Cancelled.", "rules"); }
            }
            else if (r.Outcome == RuleOutcome.Command)
                log.LogInformation("'{Text}' is a new command: the open question is dropped", text);
        }
        else if (whole)
            // A bare "no" or "stop" with nothing pending needs no answer; a bare "yes" gets one so the
            // speaker knows the question it answers has expired.
            return IntentResult.None(yes == true ? NothingToConfirm : "", "rules");

        // One template match per utterance, made when a step below first asks for it.
        bool matched = false;
        TemplateIntents.Heard? heardOnce = null;
        TemplateIntents.Heard? Hear()
        {
            if (!matched) (matched, heardOnce) = (true, TemplateTier()?.Hear(text));
            return heardOnce;
        }
        // A list item is free text that may name devices ("milk and unlock the front door"): HA's list sentence
        // wins over the rules, and the whole item goes to the list.
        if (Hear() is { } listed && Lists.Is(listed.Intent))
        {
            var (items, reply) = Lists.Run(listed, Devices);
            return items.Count == 0 ? IntentResult.None(reply, "templates") : Confirmable(items, reply) with { Tier = "templates" };
        }
        // The rules' timer sentence knows no names: HA's ("a 10 minute timer named pizza") goes first.
        if (r.Outcome == RuleOutcome.Command && r.Intents is [{ Device: null } own])
            return Hear() is { } t && IntentNames.Timers.Contains(t.Intent)
                ? OnDevice(t.Intent, t.Slots, "templates", act)! : OnDevice(own.Name, own.Slots, "rules", act)!;
        if (r.Outcome == RuleOutcome.Command) return Confirmable(r.Intents, r.Reply);
        if (r.Outcome == RuleOutcome.Question && r.Intents.Count > 0) return StateAnswer(r.Intents);
        // Home Assistant's sentences where the rules found no allowed command ("start the rover" for a vacuum).
        IntentResult? Templated()
        {
            if (Hear() is not { } heard) return null;
            if (OnDevice(heard.Intent, heard.Slots, "templates", act) is { } own) return own;
            if (heard.Intents.Count == 0) return null;
            if (IntentNames.IsQuestion(heard.Intent)) return StateAnswer(heard.Intents) with { Tier = "templates" };
            var said = Responses.For(heard.Intent, [.. heard.Intents.Select(Device).OfType<DeviceOptions>()], heard.Intents[0].Slots);
            return Confirmable(heard.Intents, said) with { Tier = "templates" };
        }
        if (r.Outcome == RuleOutcome.NotAllowed && Templated() is { } allowed) return allowed;
        if (r.Outcome is RuleOutcome.Refused or RuleOutcome.NotAllowed) return IntentResult.None(r.Reply, "rules");

        if (session != null && FollowUp(s, session, rules) is { } follow) return follow;
        if (r.Outcome is RuleOutcome.NoMatch or RuleOutcome.UnknownDevice or RuleOutcome.Question && Templated() is { } templated) return templated;
        if (Deterministic(s) is { } answer) return IntentResult.None(answer, "rules");
        if (r.Outcome == RuleOutcome.UnknownDevice) return IntentResult.None(r.Reply, "rules");
        return await Open(text, r.Outcome == RuleOutcome.Question, ct);
    }

    public async Task<IntentResult> RecognizeUnsureAsync(string text, CancellationToken ct = default)
    {
        var s = TextNormalizer.Normalize(text);
        // An unsure "yes" could be a "no" or chatter: ask again rather than act on it.
        if (CurrentSession()?.Pending is not null && Replies.IsWhole(s)) return IntentResult.None(AskAgain, "rules");
        var r = await RecognizeAsync(text, act: false, ct);
        if (r.Intents.All(i => IntentNames.ChangesNothing(i.Name))) return r;
        Remember(r.Intents, r.Intents);
        log.LogInformation("'{Text}' was not heard for sure: asking before acting", text);
        return IntentResult.None($"Did you say: {s}? Say yes or no.", r.Tier);
    }

    public const string AskAgain = "Sorry, was that a yes or a no?";

    /// <summary>
    /// The one confirmation rule every action passes, whether from a command, a follow-up, an area or the
    /// LLM: when any of them needs a yes, all of them wait for it, and the question says all they do. Questions are
    /// no action: from any of these ("is the kitchen light on?" … "and the living room light too?") they are answered
    /// from the state, not with "Checking the …".
    /// </summary>
    IntentResult Confirmable(IReadOnlyList<Intent> intents, string reply)
    {
        if (intents.Count > 0 && intents.All(i => IntentNames.IsQuestion(i.Name))) return StateAnswer(intents);
        if (!intents.Any(i => Device(i) is { } d && d.Confirm.Contains(i.Name))) return Done(intents, reply, "rules");
        Remember(intents, intents);
        return IntentResult.None($"Please confirm: {Say(intents)}? Say yes or no.", "rules");
    }

    /// <summary>"turning off conveyor one and turning on conveyor two": each action with all its devices.</summary>
    string Say(IReadOnlyList<Intent> intents) => string.Join(" and ", intents.GroupBy(i => i.Name).Select(g =>
        Lower(Speak.Confirmation(g.Key, [.. g.Select(i => Device(i)!)], g.First().Slots)).TrimEnd('.')));

    IntentResult Done(IReadOnlyList<Intent> intents, string reply, string tier)
    {
        Remember(intents, null);
        return new IntentResult(intents, reply, tier);
    }

    IntentResult StateAnswer(IReadOnlyList<Intent> asked)
    {
        var parts = asked.Select(i => (i.Name, D: Device(i)!)).Select(q =>
            q.Name == IntentNames.ClimateGetTemperature ? Thermostat.Says(q.D, states.TryGetState(q.D.Id, out var t) ? t : null)
            : states.TryGetState(q.D.Id, out var st) ? $"The {q.D.Name} is {Describe(st)}." : $"I don't know the state of the {q.D.Name} yet.");
        Remember(asked, null);
        return new IntentResult(asked, string.Join(" ", parts), "state");
    }

    /// <summary>The model's intent, through the confirmation rule (a question it chose is answered from the state).</summary>
    internal IntentResult FromModel(Intent intent) =>
        Confirmable([intent], Speak.Confirmation(intent.Name, [Device(intent)!], intent.Slots)) with { Tier = "llm" };

    IntentResult? FollowUp(string s, Session session, RuleMatcher rules)
    {
        var last = session.Last;
        if (last.Count == 0) return null;
        var action = last[0].Name;
        if (Regex.IsMatch(s, @"\b(too|as well|also)\b") || s.StartsWith("and "))
        {
            var others = rules.FindDevices(s);
            if (others.Count == 0)
            {
                var area = Devices.Select(d => d.Area).Distinct().FirstOrDefault(a => a.Length > 0 && TextNormalizer.IndexOfPhrase(s, a) >= 0);
                var type = Device(last[0])?.Type;
                others = Devices.Where(d => d.Area == area && d.Type == type).ToList();
            }
            var intents = others.Where(d => d.Allows(action)).Select(d => new Intent(action, d.Id, Rearea(last[0].Slots, d))).ToList();
            return intents.Count > 0 ? Confirmable(intents, Speak.Confirmation(action, others, last[0].Slots)) : null;
        }
        var target = Device(last[^1]);
        if (target is null) return null;
        if (Regex.IsMatch(s, @"\b(brighter|dimmer|darker)\b") && target.Allows(IntentNames.LightSet))
        {
            int current = last[^1].Slots.TryGetValue("brightness", out var b) ? Convert.ToInt32(b, CultureInfo.InvariantCulture) : 50;
            int next = Math.Clamp(current + (s.Contains("brighter") ? 20 : -20), 0, 100);
            var slots = Rearea(new Dictionary<string, object> { ["brightness"] = next }, target);
            return Confirmable([new Intent(IntentNames.LightSet, target.Id, slots)], $"Setting the {target.Name} to {next} percent.");
        }
        if (Regex.IsMatch(s, @"\bturn it (on|off)\b|\bswitch it (on|off)\b"))
        {
            var a = s.Contains(" on") ? IntentNames.TurnOn : IntentNames.TurnOff;
            return target.Allows(a) ? Confirmable([new Intent(a, target.Id, Rearea(Intent.NoSlots, target))], Speak.Confirmation(a, [target], Intent.NoSlots)) : null;
        }
        if (Regex.IsMatch(s, @"\b(the other one|no the other|other one)\b"))
        {
            var other = Devices.FirstOrDefault(d => d.Id != target.Id && d.Type == target.Type && d.Allows(action));
            if (other is null) return null;
            var undo = action == IntentNames.TurnOn && target.Allows(IntentNames.TurnOff) ? new Intent(IntentNames.TurnOff, target.Id, Rearea(Intent.NoSlots, target)) : null;
            var fix = new Intent(action, other.Id, Rearea(last[^1].Slots, other));
            return Confirmable(undo is null ? [fix] : [undo, fix], Speak.Confirmation(action, [other], fix.Slots));
        }
        return null;
    }

    /// <summary>The on-device intents that only answer: what each says.</summary>
    static readonly Dictionary<string, Func<IntentEngine, string>> Answers = new()
    {
        ["HassGetCurrentTime"] = e => ClockWords.Time(e.LocalNow),
        ["HassGetCurrentDate"] = e => ClockWords.Date(e.LocalNow),
        ["HassGetWeather"] = e => e.Weather(),
        ["HassNevermind"] = _ => "",
    };

    /// <summary>
    /// Intents this device carries out itself, with no configured device (timers, time, date, weather, never mind):
    /// the one list, for this engine and for the recogniser's grammar.
    /// </summary>
    public static readonly IReadOnlyList<string> OnDeviceIntents = [.. IntentNames.Timers, .. Answers.Keys];

    /// <summary>
    /// Timer intents come out as intents without a device (the MQTT intent event); the others as a reply only.
    /// </summary>
    IntentResult? OnDevice(string intent, IReadOnlyDictionary<string, object> slots, string tier, bool act)
    {
        if (IntentNames.Timers.Contains(intent))
        {
            bool changes = !IntentNames.ChangesNothing(intent);
            // Nothing downstream holds back what runs here: an unsure start, pause or cancel waits for the yes.
            if (!act && changes) return new IntentResult([new Intent(intent, null, slots)], "", tier);
            // A timer command said for sure is a new command: a question still open is dropped, as a device command drops it.
            if (changes)
                lock (_sessionGate) if (_session is { Pending: not null } open) _session = open with { Pending = null };
            var reply = TimerCommands.Run(timers, intent, slots, options.Value.SatelliteArea);
            return new IntentResult([new Intent(intent, null, TimerCommands.EventSlots(slots))], reply, tier);
        }
        return Answers.TryGetValue(intent, out var answer) ? IntentResult.None(answer(this), tier) : null;
    }

    DateTimeOffset LocalNow => clock.GetLocalNow();

    string Weather()
    {
        if (string.IsNullOrWhiteSpace(options.Value.WeatherTopic)) return Responses.WeatherNotConfigured;
        if (!states.TryGetState(IntentOptions.WeatherDeviceId, out var st)) return Responses.WeatherUnknown;
        // HA's style, "47 °F and raining": a weather entity's temperature and condition when the state has them.
        if (RetainedState.Object(st) is { } o && o["temperature"] is System.Text.Json.Nodes.JsonValue t
            && (o["condition"] ?? o["state"]) is System.Text.Json.Nodes.JsonValue c)
            return Speakable($"{t} degrees and {c.ToString().Replace('-', ' ').Replace('_', ' ')}", MaxStateChars) + ".";
        return "The weather is " + Describe(st) + ".";
    }

    string? Deterministic(string s)
    {
        if (Regex.IsMatch(s, @"\bwhat time is it\b|\bwhat is the time\b")) return ClockWords.Time(clock.GetLocalNow());
        var w = TextNormalizer.Words(s);
        for (int i = 1; i + 2 < w.Length; i++)
        {
            if (w[i] != "percent" || w[i + 1] != "of" || Numbers.TryRead(w, i + 2, out double y) == 0) continue;
            // the percentage is one or two words before "percent": "15", "fifteen", "twenty five"
            for (int start = Math.Max(0, i - 2); start < i; start++)
                if (Numbers.TryRead(w, start, out double x) == i - start)
                    return $"{x} percent of {y} is {(x * y / 100).ToString("0.##", CultureInfo.InvariantCulture)}.";
        }
        return null;
    }

    async Task<IntentResult> Open(string text, bool question, CancellationToken ct)
    {
        var o = options.Value;
        if (!question && Llm() is { } llm)
        {
            try
            {
                var g = await llm.CommandAsync(text, ct);
                var intent = IntentJson.Parse(g.Text, Devices, out var problem);
                if (problem != null) log.LogWarning("LLM output rejected: {Problem}", problem);
                if (intent != null) return FromModel(intent);
            }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogError("local LLM failed: {Message}", e.Message); }
        }
        if (throttle.Throttled) return IntentResult.None("I'm cooling down; ask me again in a minute.", "none");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(TimeSpan.FromSeconds(o.AnswerTimeoutSeconds + (remote.Enabled ? o.Remote.TimeoutSeconds : 0)));
        if (remote.Enabled && await remote.AskAsync("Answer in one short spoken sentence.", text, o.AnswerMaxTokens, cts.Token) is { } r)
            return IntentResult.None(r, "remote");
        if (Llm() is { } local)
        {
            try
            {
                var g = await local.AnswerAsync(text, o.AnswerMaxTokens, cts.Token);
                log.LogInformation("answered by local model ({Tokens} tokens)", g.GeneratedTokens);
                if (g.Text.Length > 0) return IntentResult.None(g.Text, "llm");
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested) { log.LogWarning("local answer exceeded its time cap"); }
        }
        return IntentResult.None(NoOpenSpeech, "none");
    }

    /// <summary>The templates compiled for the current devices; rebuilt when the device list changes.</summary>
    TemplateIntents? TemplateTier()
    {
        if (!options.Value.Templates) return null;
        // Waits before taking the lock, so that it holds up nothing else (the LLM load takes the same lock). An utterance arriving during the compile
        // waits for it at the lock (or compiles them itself if it gets there first).
        if (options.Value.TemplateCompileWaitsForFirstUtterance) _firstUtterance.Wait();
        lock (_gate)
        {
            if (_templatesFor == Devices) return _templates;
            _templatesFor = Devices;
            try
            {
                var sw = System.Diagnostics.Stopwatch.StartNew();
                Compiling?.Invoke();
                _templateSet ??= TemplateLoader.LoadDefault();
                _templates = new TemplateIntents(_templateSet, Devices, options.Value.SatelliteArea, options.Value.Floors);
                log.LogInformation("Home Assistant sentence templates ready: {Sentences} sentences for {Devices} devices in {Ms} ms",
                    _templates.SentenceCount, Devices.Count, sw.ElapsedMilliseconds);
            }
            catch (Exception e) when (e is IOException or FormatException)
            {
                log.LogWarning("Home Assistant sentence templates not used: {Message}", e.Message);
                _templates = null;
            }
            return _templates;
        }
    }

    /// <summary>Tests only: called at the start of a template compile, so that a test can hold one in progress.</summary>
    internal Action? Compiling { get; set; }

    /// <summary>Compiles the templates now (the service calls it at start-up so the first command does not wait).</summary>
    public void WarmUp() => TemplateTier();

    LocalLlm? Llm()
    {
        lock (_gate)
        {
            if (_llmTried) return _llm;
            _llmTried = true;
            var o = options.Value;
            var path = app.CurrentValue.ModelPath(o.LlmModel);
            if (!File.Exists(path)) { log.LogWarning("no LLM at {Path}: intents use the rules only (run scripts/setup.sh to fetch it)", path); return null; }
            try { _llm = LocalLlm.Load(path, throttle.Throttled ? o.LlmThrottledThreads : o.LlmThreads, o.LlmContextSize, Devices, log, o.AllowRandomWeights); }
            catch (ModelUnavailableException e) { log.LogError("{Message}", e.Message); }
            return _llm;
        }
    }

    Session? CurrentSession()
    {
        lock (_sessionGate)
        {
            if (_session is null) return null;
            if (clock.GetUtcNow() - _session.At > TimeSpan.FromSeconds(options.Value.SessionIdleSeconds)) _session = null;
            return _session;
        }
    }

    void Remember(IReadOnlyList<Intent> last, IReadOnlyList<Intent>? pending)
    {
        lock (_sessionGate) _session = new Session(clock.GetUtcNow(), last.Count > 0 ? last : _session?.Last ?? [], pending);
    }

    DeviceOptions? Device(Intent i) => Devices.FirstOrDefault(d => d.Id == i.Device);

    static Dictionary<string, object> Rearea(IReadOnlyDictionary<string, object> slots, DeviceOptions d)
    {
        var s = new Dictionary<string, object>(slots);
        if (d.Area.Length > 0) s["area"] = d.Area; else s.Remove("area");
        return s;
    }

    /// <summary>
    /// The most of a device state spoken: a retained state is whatever its publisher put there (a 10 KB
    /// one was a 10-minute reply), so at most a few fields, plain words and numbers, this many characters.
    /// </summary>
    public const int MaxStateChars = 100;
    const int MaxStateFields = 4;

    static string Describe(string state)
    {
        var t = state.Trim();
        var said = t;
        if (RetainedState.Object(t) is { } o)
            said = string.Join(", ", o.Where(kv => kv.Value is System.Text.Json.Nodes.JsonValue).Take(MaxStateFields)
                .Select(kv => $"{kv.Key.Replace('_', ' ')} {kv.Value}"));
        return Speakable(said.ToLowerInvariant(), MaxStateChars);
    }

    /// <summary>Letters, digits and plain punctuation, one space between words, cut at a word within <paramref name="max"/>.</summary>
    static string Speakable(string s, int max)
    {
        var words = SpeakableRun().Replace(s, " ").Trim();
        if (words.Length <= max) return words;
        int cut = words.LastIndexOf(' ', max);
        return words[..(cut > max / 2 ? cut : max)].TrimEnd(',', ' ');
    }

    [GeneratedRegex(@"[^\p{L}\p{Nd}.,%:'\-]+")]
    private static partial Regex SpeakableRun();

    static string Lower(string s) => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..];

    public void Dispose()
    {
        _llm?.Dispose();
    }
}
