namespace EdgeVoice.WakeWord.Training;

/// <summary>
/// What the wake bench and its test streams say. They live beside the trainer because training must
/// never say them (<see cref="TrainingText.CheckHeldOut"/>): the bench's figures are then held out.
/// </summary>
public static class BenchTexts
{
    public static readonly string[] Commands =
    [
        "turn on the kitchen light", "switch off the fan", "set the bedroom light to forty percent",
        "what is the status of the garage door", "start a timer for five minutes", "turn off everything in the living room",
        "close the blinds", "set the thermostat to twenty one degrees",
    ];

    public static readonly string[] Chatter =
    [
        "I think we should leave a bit earlier tomorrow morning", "the weather has been strange all week",
        "did you remember to buy milk on the way home", "my brother is visiting us next weekend",
        "that film was much longer than I expected", "can you pass me the salt please",
        "the meeting moved to three o'clock", "we need to service the car before the trip",
        "the harvest was good this year", "she put the jam in a glass jar", "he is a very nervous driver",
        "Travis and Jarrod went to the market", "hey there, how are you doing", "the jars are on the top shelf",
        "customer service never answered the phone", "hay fever season is starting again",
    ];

    public static readonly string[] NearMisses = ["harvest", "service", "hey", "jar", "hey there", "nervous", "harvest festival", "marvelous", "jazz", "hey Siri"];

    /// <summary>Truncated wake phrases: the model scores some of these like the real phrase (measured separately).</summary>
    public static readonly string[] HardNearMisses = ["hey jar", "hey Jarrod"];
}
