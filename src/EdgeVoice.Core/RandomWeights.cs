namespace EdgeVoice.Core;

/// <summary>
/// Shape-equivalent test models (scripts/test-models.sh) carry "-random-" in their names. They run at the
/// real model's speed but say nothing meaningful, so the service refuses them unless a test or the bench
/// asks for them (AllowRandomWeights).
/// </summary>
public static class RandomWeights
{
    public static bool IsRandom(string path) => Path.GetFileName(path).Contains("-random-", StringComparison.OrdinalIgnoreCase);

    public const string Refusal = "holds random weights (a shape-equivalent test model, not a trained one): place the trained file from models/models.json instead (scripts/setup.sh)";
}
