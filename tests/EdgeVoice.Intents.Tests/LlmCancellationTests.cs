using EdgeVoice.Core;
using EdgeVoice.Intents.Llm;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace EdgeVoice.Intents.Tests;

/// <summary>
/// An answer cut short by its time cap, or the model disposed while it decodes, must not leave llama.cpp
/// working on the context while the next call restores the saved prefix into it (or after it is freed).
/// </summary>
[Collection("llama.cpp")]
public sealed class LlmCancellationTests(ITestOutputHelper output)
{
    static IReadOnlyList<DeviceOptions> Home => Profiles.Home.Devices;
    const string Command = "it's too dark in the kitchen, light it up";

    [Fact]
    public async Task A_command_right_after_a_timed_out_answer_is_the_same_as_on_its_own()
    {
        using var llm = LocalLlm.Load(TestModels.Resolve(TestModels.Qwen), 2, 1024, Home, NullLogger.Instance, allowRandomWeights: true);
        await llm.CommandAsync(Command, default); // decodes and saves the prefix
        var alone = await llm.CommandAsync(Command, default);
        int cut = 0;
        // Time caps from "before the first decode" to "a few tokens in": each lands in a different place.
        foreach (int ms in new[] { 1, 3, 10, 30, 60, 100, 150 })
        {
            using var cap = new CancellationTokenSource(TimeSpan.FromMilliseconds(ms));
            var answer = llm.AnswerAsync("how long should I boil an egg, tell me everything you know", 200, cap.Token);
            // The next utterance is already waiting when the cap ends the answer.
            var next = llm.CommandAsync(Command, default);
            try { var a = await answer; if (cap.IsCancellationRequested && a.GeneratedTokens < 200) cut++; }
            catch (OperationCanceledException) { cut++; }
            var after = await next;
            output.WriteLine($"cap {ms} ms: {after.Text}");
            Assert.Equal(alone.Text, after.Text);
            Assert.Equal(alone.PromptTokens, after.PromptTokens);
        }
        Assert.True(cut > 0, "no answer was cut short by its cap: the test did not test cancellation");
    }

    [Fact]
    public async Task Disposing_while_an_answer_decodes_waits_for_it_and_later_calls_get_a_clear_error()
    {
        var llm = LocalLlm.Load(TestModels.Resolve(TestModels.Qwen), 2, 1024, Home, NullLogger.Instance, allowRandomWeights: true);
        await llm.CommandAsync(Command, default); // the prefix is saved: the answer below is in its decode loop at once
        var answer = llm.AnswerAsync("how long should I boil an egg, tell me everything you know", 200, default);
        await Task.Delay(50);
        await Task.Run(llm.Dispose);
        // Disposing stops the answer between tokens; its text so far or a cancellation, never a crash.
        try { output.WriteLine($"answer: {(await answer).GeneratedTokens} tokens"); }
        catch (OperationCanceledException) { output.WriteLine("answer cancelled"); }
        await Assert.ThrowsAsync<ObjectDisposedException>(() => llm.CommandAsync(Command, default));
    }
}
