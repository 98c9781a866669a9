namespace EdgeVoice.Speech.Tests;

public sealed class WordErrorRateTests
{
    [Theory]
    [InlineData("turn on the light", "turn on the light", 0.0)]
    [InlineData("turn on the light", "turn off the light", 0.25)]
    [InlineData("turn on the light", "turn on light", 0.25)]
    [InlineData("turn on the light", "", 1.0)]
    [InlineData("And so, my fellow Americans!", "and so my fellow americans", 0.0)]
    public void Counts_substitutions_deletions_and_insertions(string reference, string hypothesis, double expected)
    {
        Assert.Equal(expected, WordErrorRate.Compute(reference, hypothesis), 3);
    }
}
