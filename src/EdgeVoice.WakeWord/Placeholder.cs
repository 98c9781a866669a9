namespace EdgeVoice.WakeWord;
