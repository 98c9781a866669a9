using System.Numerics;

namespace EdgeVoice.WakeWord.Training;

/// <summary>Training settings for <see cref="HeadTrainer"/>.</summary>
public sealed record TrainOptions
{
    public int Hidden { get; init; } = 48;
    public int Epochs { get; init; } = 16;
    public int Batch { get; init; } = 128;
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>Decoupled (AdamW) weight decay on the weights, not the biases.</summary>
    public double WeightDecay { get; init; } = 1e-2;
    public int Seed { get; init; } = 2027;
    /// <summary>Targets become s/2 and 1 − s/2: keeps the head from saturating at exactly 0 or 1, so its score stays graded near the threshold.</summary>
    public double LabelSmoothing { get; init; } = 0.1;
}

/// <summary>One training example: features, label 0/1 and a weight (hard negatives count more).</summary>
public readonly record struct Example(float[] X, float Label, float Weight = 1);

/// <summary>
/// A one-hidden-layer MLP (ReLU, sigmoid output) trained with Adam on weighted binary cross-entropy.
/// Positives are re-weighted so both classes carry the same total weight (wake frames are few).
/// Deterministic for a seed on a given CPU: batches are split in two fixed slices, each on its own thread, summed in order.
/// </summary>
public static class HeadTrainer
{
    public static WakeHead Train(IReadOnlyList<Example> data, string phrase, TrainOptions o, Action<string>? progress = null)
    {
        if (data.Count == 0) throw new ArgumentException("no training examples");
        int n = data[0].X.Length, h = o.Hidden;
        if (data.Any(e => e.X.Length != n)) throw new ArgumentException("examples differ in length");
        double pos = data.Where(e => e.Label > 0.5f).Sum(e => e.Weight), neg = data.Where(e => e.Label <= 0.5f).Sum(e => e.Weight);
        if (pos == 0 || neg == 0) throw new ArgumentException("training needs both positive and negative examples");
        float posBoost = (float)(neg / pos);

        var (mean, scale) = Standardise(data, n);
        var rng = new Random(o.Seed);
        var head = new WakeHead
        {
            Phrase = phrase, Inputs = n, Hidden = h, Mean = mean, Scale = scale,
            W1 = Init(rng, h * n, Math.Sqrt(6.0 / n)), B1 = new float[h], W2 = Init(rng, h, Math.Sqrt(6.0 / h)), B2 = 0,
        };
        float[][] P = [head.W1, head.B1, head.W2, [head.B2]];
        var adam = P.Select(p => (M: new float[p.Length], V: new float[p.Length])).ToArray();
        // Two fixed slices per batch (not one per core): the sums, and so the weights, do not depend on the core count.
        const int threads = 2;
        var grads = Enumerable.Range(0, threads).Select(_ => P.Select(p => new float[p.Length]).ToArray()).ToArray();
        var order = Enumerable.Range(0, data.Count).ToArray();
        var xs = new float[threads][];
        for (int t = 0; t < threads; t++) xs[t] = new float[n];
        long step = 0;
        int steps = o.Epochs * ((data.Count + o.Batch - 1) / o.Batch);
        for (int epoch = 0; epoch < o.Epochs; epoch++)
        {
            rng.Shuffle(order);
            double loss = 0;
            for (int b0 = 0; b0 < order.Length; b0 += o.Batch)
            {
                int b1 = Math.Min(order.Length, b0 + o.Batch);
                var losses = new double[threads];
                Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
                {
                    foreach (var g in grads[t]) Array.Clear(g);
                    int lo = b0 + (b1 - b0) * t / threads, hi = b0 + (b1 - b0) * (t + 1) / threads;
                    for (int k = lo; k < hi; k++) losses[t] += Backprop(head, P, data[order[k]], posBoost, (float)o.LabelSmoothing, xs[t], grads[t]);
                });
                loss += losses.Sum();
                for (int t = 1; t < threads; t++)
                    for (int p = 0; p < P.Length; p++) Add(grads[0][p], grads[t][p]);
                // Cosine decay of the step size: large steps early, fine ones at the end.
                double lr = o.LearningRate * 0.5 * (1 + Math.Cos(Math.PI * step / steps));
                step++;
                for (int p = 0; p < P.Length; p++)
                    Adam(P[p], grads[0][p], adam[p].M, adam[p].V, lr, step, 1.0 / (b1 - b0), p is 0 or 2 ? o.WeightDecay : 0);
            }
            head.B2 = P[3][0];
            progress?.Invoke($"  epoch {epoch + 1}/{o.Epochs}: loss {loss / data.Count:F4}");
        }
        head.B2 = P[3][0];
        return head;
    }

    /// <summary>Forward and backward pass for one example; adds its gradient into g and returns its loss.</summary>
    static double Backprop(WakeHead m, float[][] p, Example e, float posBoost, float smoothing, float[] x, float[][] g)
    {
        int n = m.Inputs;
        for (int i = 0; i < n; i++) x[i] = (e.X[i] - m.Mean[i]) * m.Scale[i];
        Span<float> hid = stackalloc float[m.Hidden];
        float z = p[3][0];
        for (int j = 0; j < m.Hidden; j++)
        {
            hid[j] = MathF.Max(0, p[1][j] + WakeHead.Dot(p[0].AsSpan(j * n, n), x));
            z += p[2][j] * hid[j];
        }
        float y = 1 / (1 + MathF.Exp(-z)), w = e.Weight * (e.Label > 0.5f ? posBoost : 1);
        float target = e.Label > 0.5f ? 1 - smoothing / 2 : smoothing / 2;
        float dz = w * (y - target);
        g[3][0] += dz;
        for (int j = 0; j < m.Hidden; j++)
        {
            g[2][j] += dz * hid[j];
            if (hid[j] <= 0) continue;
            float dh = dz * p[2][j];
            g[1][j] += dh;
            Axpy(dh, x, g[0].AsSpan(j * n, n));
        }
        float yc = Math.Clamp(y, 1e-7f, 1 - 1e-7f);
        return -w * (target * Math.Log(yc) + (1 - target) * Math.Log(1 - yc));
    }

    static void Adam(float[] p, float[] g, float[] m, float[] v, double lr, long t, double gScale, double decay)
    {
        const double B1 = 0.9, B2 = 0.999, Eps = 1e-8;
        double c1 = 1 - Math.Pow(B1, t), c2 = 1 - Math.Pow(B2, t);
        for (int i = 0; i < p.Length; i++)
        {
            double gi = g[i] * gScale;
            m[i] = (float)(B1 * m[i] + (1 - B1) * gi);
            v[i] = (float)(B2 * v[i] + (1 - B2) * gi * gi);
            p[i] -= (float)(lr * (m[i] / c1 / (Math.Sqrt(v[i] / c2) + Eps) + decay * p[i]));
        }
    }

    static (float[] Mean, float[] Scale) Standardise(IReadOnlyList<Example> data, int n)
    {
        var sum = new double[n];
        var sq = new double[n];
        foreach (var e in data)
            for (int i = 0; i < n; i++) { sum[i] += e.X[i]; sq[i] += (double)e.X[i] * e.X[i]; }
        var mean = new float[n];
        var scale = new float[n];
        for (int i = 0; i < n; i++)
        {
            double mu = sum[i] / data.Count, var = Math.Max(0, sq[i] / data.Count - mu * mu);
            mean[i] = (float)mu;
            scale[i] = (float)(1 / Math.Sqrt(var + 1e-4));
        }
        return (mean, scale);
    }

    static float[] Init(Random rng, int count, double limit)
    {
        var w = new float[count];
        for (int i = 0; i < count; i++) w[i] = (float)((rng.NextDouble() * 2 - 1) * limit);
        return w;
    }

    static void Add(float[] into, float[] x) => Axpy(1, x, into);

    static void Axpy(float a, ReadOnlySpan<float> x, Span<float> y)
    {
        int n = Vector<float>.Count, i = 0;
        var va = new Vector<float>(a);
        for (; i <= x.Length - n; i += n) (new Vector<float>(y[i..]) + va * new Vector<float>(x[i..])).CopyTo(y[i..]);
        for (; i < x.Length; i++) y[i] += a * x[i];
    }
}
