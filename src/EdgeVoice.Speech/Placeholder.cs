namespace EdgeVoice.Speech;
