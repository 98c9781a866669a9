namespace EdgeVoice.WakeWord;

/// <summary>
/// One-pole high-pass near 20 Hz. Cheap USB/HAT mics can carry a DC offset that shifts the mel
/// features; also replaces NaN/Inf from a broken source with silence.
/// </summary>
public sealed class DcBlocker
{
    float _x1, _y1;

    public void Process(Span<float> x)
    {
        for (int i = 0; i < x.Length; i++)
        {
            float v = float.IsFinite(x[i]) ? x[i] : 0f;
            float y = v - _x1 + 0.992f * _y1;
            _x1 = v;
            _y1 = y;
            x[i] = y;
        }
    }

    public void Reset() { _x1 = 0; _y1 = 0; }
}
