namespace EdgeVoice.Telemetry;
