using System.Runtime.InteropServices;

namespace EdgeVoice.Speech.PocketSphinx;

/// <summary>Keyphrase spotting (kws search) and its detections, for the wake word verifier.</summary>
internal static partial class Native
{
    /// <summary>Several keyphrases, one per line of <paramref name="keyfile"/>.</summary>
    [LibraryImport(Ps, StringMarshalling = StringMarshalling.Utf8)] internal static partial int ps_set_kws(IntPtr ps, string name, string keyfile);
    // 5prealpha: ps_seg_iter takes only the decoder (the out_best_score argument came and went).
    [LibraryImport(Ps)] internal static partial IntPtr ps_seg_iter(IntPtr ps);
    [LibraryImport(Ps)] internal static partial IntPtr ps_seg_next(IntPtr seg);
    [LibraryImport(Ps)] internal static partial void ps_seg_frames(IntPtr seg, out int startFrame, out int endFrame);
    [LibraryImport(Ps)] internal static partial int ps_seg_prob(IntPtr seg, out int acousticScore, out int lmScore, out int lmBackoff);
}
