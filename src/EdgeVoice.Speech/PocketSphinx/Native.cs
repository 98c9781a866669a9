using System.Runtime.InteropServices;

namespace EdgeVoice.Speech.PocketSphinx;

/// <summary>
/// The few calls of Debian's libpocketsphinx3 (0.8+5prealpha API) EdgeVoice uses. Configuration goes
/// through cmd_ln_parse_r with an argv array because cmd_ln_init is variadic and cannot be P/Invoked safely.
/// </summary>
internal static partial class Native
{
    const string Ps = "libpocketsphinx.so.3";
    const string Sb = "libsphinxbase.so.3";

    [LibraryImport(Ps)] internal static partial IntPtr ps_args();
    [LibraryImport(Sb)] internal static partial IntPtr cmd_ln_parse_r(IntPtr inout, IntPtr defn, int argc, IntPtr[] argv, int strict);
    [LibraryImport(Sb)] internal static partial int cmd_ln_free_r(IntPtr cmdln);
    [LibraryImport(Ps)] internal static partial IntPtr ps_init(IntPtr config);
    [LibraryImport(Ps)] internal static partial IntPtr ps_get_feat(IntPtr ps);
    [LibraryImport(Sb)] internal static partial void cmn_live_set(IntPtr cmn, float[] vec);
    [LibraryImport(Ps)] internal static partial int ps_free(IntPtr ps);
    [LibraryImport(Ps, StringMarshalling = StringMarshalling.Utf8)] internal static partial int ps_set_jsgf_string(IntPtr ps, string name, string jsgf);
    [LibraryImport(Ps, StringMarshalling = StringMarshalling.Utf8)] internal static partial int ps_set_search(IntPtr ps, string name);
    [LibraryImport(Ps, StringMarshalling = StringMarshalling.Utf8)] internal static partial int ps_unset_search(IntPtr ps, string name);
    [LibraryImport(Ps)] internal static partial int ps_start_utt(IntPtr ps);
    [LibraryImport(Ps)] internal static partial int ps_process_raw(IntPtr ps, short[] data, nuint n, int noSearch, int fullUtt);
    [LibraryImport(Ps)] internal static partial int ps_end_utt(IntPtr ps);
    [LibraryImport(Ps)] internal static partial IntPtr ps_get_hyp(IntPtr ps, out int bestScore);
    [LibraryImport(Ps)] internal static partial int ps_get_n_frames(IntPtr ps);
    [LibraryImport(Ps)] internal static partial int ps_get_prob(IntPtr ps);
    [LibraryImport(Ps, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr ps_lookup_word(IntPtr ps, string word);
    [LibraryImport(Sb)] internal static partial void ckd_free(IntPtr ptr);
    [LibraryImport(Ps, StringMarshalling = StringMarshalling.Utf8)] internal static partial int ps_add_word(IntPtr ps, string word, string phones, int update);
}
