namespace EdgeVoice.Mqtt;
