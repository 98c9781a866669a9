namespace EdgeVoice.Hardware;
