using System.Runtime.InteropServices;

namespace EdgeVoice.Speech.PocketSphinx;

/// <summary>
/// A decoder's best path: its words, log-domain path score over <paramref name="Frames"/> 10 ms frames, and its
/// posterior in the search's lattice (log base 1.0001, 0 = certain; low when another path of the grammar
/// scores nearly as well).
/// </summary>
internal readonly record struct Hypothesis(string Text, int Score, int Frames, int Posterior);

/// <summary>Owns one pocketsphinx decoder and its configuration; not thread-safe (callers serialise).</summary>
internal sealed class Decoder : SafeHandle
{
    IntPtr _config;

    Decoder() : base(IntPtr.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == IntPtr.Zero;

    public static Decoder Create(IReadOnlyDictionary<string, string> args)
    {
        var argv = args.SelectMany(kv => new[] { kv.Key, kv.Value }).Select(Marshal.StringToCoTaskMemUTF8).ToArray();
        try
        {
            IntPtr config;
            try { config = Native.cmd_ln_parse_r(IntPtr.Zero, Native.ps_args(), argv.Length, argv, 1); }
            catch (DllNotFoundException e)
            {
                throw new InvalidOperationException("libpocketsphinx3 is not installed: run scripts/setup.sh (apt-get install libpocketsphinx3 pocketsphinx-en-us)", e);
            }
            if (config == IntPtr.Zero)
                throw new InvalidOperationException("pocketsphinx rejected its configuration: " + string.Join(' ', args.Select(a => $"{a.Key} {a.Value}")));
            var d = new Decoder { _config = config };
            var ps = Native.ps_init(config);
            if (ps == IntPtr.Zero)
            {
                Native.cmd_ln_free_r(config);
                throw new InvalidOperationException($"pocketsphinx could not load its acoustic model or dictionary ({args.GetValueOrDefault("-hmm")}, {args.GetValueOrDefault("-dict")}): install pocketsphinx-en-us");
            }
            d.SetHandle(ps);
            return d;
        }
        finally
        {
            foreach (var p in argv) Marshal.FreeCoTaskMem(p);
        }
    }

    public void SetJsgf(string name, string jsgf) =>
        Check(Native.ps_set_jsgf_string(handle, name, jsgf), $"grammar '{name}' did not compile");

    /// <summary>Frees a search and its grammar; false when there is none by that name.</summary>
    public bool UnsetSearch(string name) => Native.ps_unset_search(handle, name) == 0;

    public bool HasWord(string word) => Phones(word) is not null;

    /// <summary>The word's phones in the dictionary ("S T AA R T"), or null when it has none.</summary>
    public string? Phones(string word)
    {
        var p = Native.ps_lookup_word(handle, word);
        if (p == IntPtr.Zero) return null;
        try { return Marshal.PtrToStringUTF8(p); }
        finally { Native.ckd_free(p); }
    }

    public void AddWord(string word, string phones) =>
        Check(Native.ps_add_word(handle, word, phones, 1) < 0 ? -1 : 0, $"cannot add '{word}' /{phones}/ to the dictionary");

    /// <summary>Starts a streamed utterance: feed audio with <see cref="Feed"/> while it is spoken, then <see cref="End"/>.</summary>
    public void Begin(string search)
    {
        Check(Native.ps_set_search(handle, search), $"no search '{search}'");
        Check(Native.ps_start_utt(handle), "start_utt failed");
    }

    public void Feed(short[] pcm, int count) =>
        Check(Native.ps_process_raw(handle, pcm, (nuint)count, 0, 0) < 0 ? -1 : 0, "process_raw failed");

    /// <summary>
    /// The live cepstral mean this decoder has learned (13 values), or null when it cannot be read. It is updated at each
    /// streamed utterance's end.
    /// </summary>
    public float[]? CepstralMean()
    {
        if (Normalisation() is not { } cmn) return null;
        var mean = new float[CepstralMeanFile.Length];
        Marshal.Copy(Marshal.ReadIntPtr(cmn, 0), mean, 0, mean.Length);
        return mean.All(float.IsFinite) ? mean : null;
    }

    /// <summary>
    /// Starts live normalisation from <paramref name="mean"/>, weighed as 5 s of speech (sphinxbase's window). The
    /// <c>-cmninit</c> argument cannot do it: the acoustic model's feat.params overrides it.
    /// </summary>
    public bool SetCepstralMean(float[] mean)
    {
        if (Normalisation() is not { } cmn || mean.Length != CepstralMeanFile.Length) return false;
        Native.cmn_live_set(cmn, mean);
        return true;
    }

    IntPtr? Normalisation()
    {
        // Not in 5prealpha's API: sphinxbase's feat_t holds its cmn_t* at byte 88, and cmn_t begins with the mean's
        // pointer and has the vector's length at byte 28 (LP64, so x86-64 and arm64 alike). Checked against the
        // length and, before any audio, against the model's -cmninit (CepstralMeanTests).
        if (IntPtr.Size != 8) return null;
        var feat = Native.ps_get_feat(handle);
        var cmn = feat == IntPtr.Zero ? IntPtr.Zero : Marshal.ReadIntPtr(feat, 88);
        return cmn == IntPtr.Zero || Marshal.ReadInt32(cmn, 28) != CepstralMeanFile.Length ? null : cmn;
    }

    /// <summary>
    /// Decodes a whole utterance in one call: its cepstral mean is the utterance's own (batch), so the
    /// result does not depend on what this decoder heard before.
    /// </summary>
    public Hypothesis DecodeWhole(string search, short[] pcm)
    {
        Begin(search);
        bool ended = false;
        try
        {
            Check(Native.ps_process_raw(handle, pcm, (nuint)pcm.Length, 0, 1) < 0 ? -1 : 0, "process_raw failed");
            ended = true;
            return End();
        }
        finally { if (!ended) try { End(); } catch (InvalidOperationException) { } }
    }

    public Hypothesis End()
    {
        Check(Native.ps_end_utt(handle), "end_utt failed");
        var hyp = Native.ps_get_hyp(handle, out int score);
        return new(Lead.Strip(Marshal.PtrToStringUTF8(hyp) ?? ""), score, Native.ps_get_n_frames(handle), Native.ps_get_prob(handle));
    }

    static void Check(int rc, string what)
    {
        if (rc < 0) throw new InvalidOperationException("pocketsphinx: " + what + " (details with Speech:PocketSphinxLog set to a file)");
    }

    protected override bool ReleaseHandle()
    {
        Native.ps_free(handle);
        if (_config != IntPtr.Zero) Native.cmd_ln_free_r(_config);
        return true;
    }
}
