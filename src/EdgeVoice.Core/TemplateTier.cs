namespace EdgeVoice.Core;

/// <summary>
/// The template tier (Intents:Templates) as the commands grammar needs to know it: it is on, so the sentences only it
/// understands may be said (<see cref="SentenceTemplate.OnDevice"/>, <see cref="SentenceTemplate.Here"/>), and the area
/// this device stands in (Intents:SatelliteArea; empty when none). Null where a grammar is built: the tier is off.
/// </summary>
public sealed record TemplateTier(string SatelliteArea = "");
