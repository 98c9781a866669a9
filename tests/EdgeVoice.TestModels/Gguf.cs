using System.Text;

namespace EdgeVoice.TestModels;

/// <summary>A GGUF v3 writer: metadata, tensor table, then the aligned tensor data.</summary>
sealed class Gguf
{
    const int Alignment = 32;
    enum Kind : uint { UInt32 = 4, Int32 = 5, Float32 = 6, Bool = 7, String = 8, Array = 9 }

    readonly List<(string Key, Action<BinaryWriter> Value)> _kv = [];
    readonly List<(string Name, GgmlType Type, long[] Ne, float Std, float Constant)> _tensors = [];

    public void Set(string key, string v) => _kv.Add((key, w => { w.Write((uint)Kind.String); Str(w, v); }));
    public void Set(string key, uint v) => _kv.Add((key, w => { w.Write((uint)Kind.UInt32); w.Write(v); }));
    public void Set(string key, float v) => _kv.Add((key, w => { w.Write((uint)Kind.Float32); w.Write(v); }));
    public void Set(string key, bool v) => _kv.Add((key, w => { w.Write((uint)Kind.Bool); w.Write(v); }));
    public void Set(string key, IReadOnlyList<string> v) => _kv.Add((key, w =>
    {
        w.Write((uint)Kind.Array); w.Write((uint)Kind.String); w.Write((ulong)v.Count);
        foreach (var x in v) Str(w, x);
    }));
    public void Set(string key, IReadOnlyList<int> v) => _kv.Add((key, w =>
    {
        w.Write((uint)Kind.Array); w.Write((uint)Kind.Int32); w.Write((ulong)v.Count);
        foreach (var x in v) w.Write(x);
    }));

    /// <summary>A tensor of random values (std &gt; 0) or a constant; ne[0] is the innermost dimension.</summary>
    public void Tensor(string name, GgmlType type, float std, float constant, params long[] ne) => _tensors.Add((name, type, ne, std, constant));

    public void Write(string outFile, ulong seed)
    {
        var tmp = outFile + ".tmp" + Environment.ProcessId;
        using (var s = new BufferedStream(File.Create(tmp), 1 << 20))
        {
            var w = new BinaryWriter(s, Encoding.UTF8, leaveOpen: true);
            w.Write(Encoding.ASCII.GetBytes("GGUF")); w.Write(3u);
            w.Write((ulong)_tensors.Count); w.Write((ulong)_kv.Count);
            foreach (var (k, v) in _kv) { Str(w, k); v(w); }
            long offset = 0;
            foreach (var t in _tensors)
            {
                Str(w, t.Name); w.Write((uint)t.Ne.Length);
                foreach (var n in t.Ne) w.Write((ulong)n);
                w.Write((uint)t.Type); w.Write((ulong)offset);
                offset = Align(offset + TensorData.Bytes(t.Type, Count(t.Ne)));
            }
            w.Flush();
            Pad(s);
            foreach (var t in _tensors)
            {
                TensorData.Write(s, t.Type, Count(t.Ne), t.Std, t.Constant, Rng.For(t.Name, seed));
                Pad(s);
            }
        }
        File.Move(tmp, outFile, overwrite: true);
    }

    static long Count(long[] ne) => ne.Aggregate(1L, (a, b) => a * b);
    static long Align(long x) => (x + Alignment - 1) / Alignment * Alignment;
    static void Pad(Stream s) { long p = s.Position; s.Write(new byte[Align(p) - p]); }

    static void Str(BinaryWriter w, string v)
    {
        var b = Encoding.UTF8.GetBytes(v);
        w.Write((ulong)b.Length); w.Write(b);
    }
}
