namespace EdgeVoice.Intents;
