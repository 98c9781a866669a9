using EdgeVoice.Testing;

namespace EdgeVoice.Mqtt.Tests;

public class SecurityTests
{
    const string User = "edge";
    const string Secret = "s3cret-Pa55-xyzzy";

    /// <summary>A throw-away CA, a broker certificate for 127.0.0.1 and a password file, made at test time.</summary>
    static async Task<string> MakePkiAsync()
    {
        var d = Repo.TempDir("pki");
        var ssl = Repo.RequireTool("openssl");
        async Task Run(string exe, params string[] args)
        {
            var r = await Proc.RunAsync(exe, args, TimeSpan.FromSeconds(60));
            Assert.True(r.ExitCode == 0, $"{exe} {string.Join(' ', args)}: {r.StdErr}");
        }
        await Run(ssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", $"{d}/ca.key", "-out", $"{d}/ca.crt", "-days", "2", "-subj", "/CN=EdgeVoice test CA");
        await Run(ssl, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", $"{d}/server.key", "-out", $"{d}/server.csr", "-subj", "/CN=127.0.0.1");
        File.WriteAllText($"{d}/ext.cnf", "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        await Run(ssl, "x509", "-req", "-in", $"{d}/server.csr", "-CA", $"{d}/ca.crt", "-CAkey", $"{d}/ca.key", "-CAcreateserial",
            "-out", $"{d}/server.crt", "-days", "2", "-extfile", $"{d}/ext.cnf");
        await Run(Repo.RequireTool("mosquitto_passwd"), "-b", "-c", $"{d}/passwd", User, Secret);
        foreach (var f in Directory.GetFiles(d)) File.SetUnixFileMode(f, (UnixFileMode)0b110_100_100); // mosquitto drops root
        return d;
    }

    static string Listener(string d) => $"""
        allow_anonymous false
        password_file {d}/passwd
        cafile {d}/ca.crt
        certfile {d}/server.crt
        keyfile {d}/server.key
        """;

    [Fact]
    public async Task Tls_with_correct_password_delivers_and_the_password_is_never_logged()
    {
        var pki = await MakePkiAsync();
        await using var broker = await MosquittoBroker.StartAsync(Listener(pki));
        await using var sub = await MqttSub.StartAsync(broker, "home/#", "--cafile", $"{pki}/ca.crt", "-u", User, "-P", Secret);
        var log = new TestLog();
        var o = Kit.Options(broker);
        o.Username = User; o.Password = Secret; o.Tls.CaFile = $"{pki}/ca.crt";
        await using (var pub = Kit.Publisher(o, Kit.Voice("tls"), log))
        {
            await pub.StartAsync();
            Assert.True(await pub.Link.WaitConnectedAsync(TimeSpan.FromSeconds(10)), pub.Link.LastError);
            await pub.PublishAsync(Kit.Light(77));
            Assert.Equal(0, await pub.FlushAsync(TimeSpan.FromSeconds(10)));
        }
        var got = await sub.WaitForAsync(l => l.Count > 0, TimeSpan.FromSeconds(10));
        Assert.Contains(("home/kitchen/light/set", "{\"state\":\"ON\",\"brightness\":77}"), got);
        Assert.Contains("MQTT connected", log.All);
        Assert.DoesNotContain(Secret, log.All);
    }

    [Fact]
    public async Task Wrong_password_is_rejected_with_a_clear_error_that_does_not_leak_it()
    {
        var pki = await MakePkiAsync();
        await using var broker = await MosquittoBroker.StartAsync(Listener(pki));
        var log = new TestLog();
        var o = Kit.Options(broker);
        o.Username = User; o.Password = "wrong-" + Secret; o.Tls.CaFile = $"{pki}/ca.crt";
        await using var pub = Kit.Publisher(o, Kit.Voice("tls2"), log);
        await pub.StartAsync();
        Assert.False(await pub.Link.WaitConnectedAsync(TimeSpan.FromSeconds(2)));
        var end = DateTime.UtcNow.AddSeconds(5);
        // LastError is set just before the line is logged.
        while (!log.All.Contains("unavailable") && DateTime.UtcNow < end) await Task.Delay(50);
        Assert.Contains("rejected the username/password", pub.Link.LastError);
        Assert.Contains("EDGEVOICE__Mqtt__Password", pub.Link.LastError);
        Assert.Contains("rejected the username/password", log.All);
        Assert.DoesNotContain(Secret, log.All);
    }

    [Fact]
    public async Task A_broker_certificate_from_another_ca_is_refused()
    {
        var pki = await MakePkiAsync();
        var other = await MakePkiAsync();
        await using var broker = await MosquittoBroker.StartAsync(Listener(pki));
        var o = Kit.Options(broker);
        o.Username = User; o.Password = Secret; o.Tls.CaFile = $"{other}/ca.crt";
        var log = new TestLog();
        await using var pub = Kit.Publisher(o, Kit.Voice("tls3"), log);
        await pub.StartAsync();
        Assert.False(await pub.Link.WaitConnectedAsync(TimeSpan.FromSeconds(2)));
        var end = DateTime.UtcNow.AddSeconds(5);
        while (!log.All.Contains("unavailable") && DateTime.UtcNow < end) await Task.Delay(50);
        // Refused for the right reason: the chain, not a timeout, a refused port or the password.
        Assert.Contains($"TLS: the broker's certificate (CN=EdgeVoice test CA) is not signed by Mqtt:Tls:CaFile {other}/ca.crt", pub.Link.LastError);
        Assert.Contains("is not signed by Mqtt:Tls:CaFile", log.All);
        Assert.DoesNotContain(Secret, log.All);
    }
}

public class AclTests
{
    /// <summary>The shipped ACL example, loaded by a real mosquitto: allowed device topics pass, others are refused.</summary>
    [Fact]
    public async Task Example_acl_lets_the_node_publish_its_devices_and_refuses_other_topics()
    {
        var d = Repo.TempDir("acl");
        var acl = Path.Combine(Repo.Root, "src", "EdgeVoice.Mqtt", "mosquitto-acl.example");
        // The test adds a user standing in for the devices (e.g. zigbee2mqtt) that reads every command topic.
        File.WriteAllText($"{d}/acl", File.ReadAllText(acl) + "\nuser devices\ntopic read home/#\n");
        var r = await Proc.RunAsync(Repo.RequireTool("mosquitto_passwd"), ["-b", "-c", $"{d}/passwd", "edgevoice-kitchen", "pw-kitchen"]);
        Assert.Equal(0, r.ExitCode);
        await Proc.RunAsync(Repo.RequireTool("mosquitto_passwd"), ["-b", $"{d}/passwd", "homeassistant", "pw-ha"]);
        await Proc.RunAsync(Repo.RequireTool("mosquitto_passwd"), ["-b", $"{d}/passwd", "devices", "pw-dev"]);
        foreach (var f in Directory.GetFiles(d)) File.SetUnixFileMode(f, (UnixFileMode)0b110_100_100);
        await using var broker = await MosquittoBroker.StartAsync($"allow_anonymous false\npassword_file {d}/passwd\nacl_file {d}/acl");
        await using var sub = await MqttSub.StartAsync(broker, "#", "-u", "homeassistant", "-P", "pw-ha", "-i", "ha-" + broker.Port);
        await using var devices = await MqttSub.StartAsync(broker, "home/#", "-u", "devices", "-P", "pw-dev", "-i", "devices-" + broker.Port);

        var voice = Kit.Voice("kitchen");
        voice.Devices.Add(new() { Id = "front_door", Actions = [EdgeVoice.Core.IntentNames.TurnOn], CommandTopic = "home/front_door/set",
            Payloads = { [EdgeVoice.Core.IntentNames.TurnOn] = "UNLOCK" } });
        var bus = new Recorder();
        var log = new TestLog();
        var o = Kit.Options(broker);
        o.Username = "edgevoice-kitchen"; o.Password = "pw-kitchen";
        await using var pub = Kit.Publisher(o, voice, log, bus);
        await pub.StartAsync();
        Assert.True(await pub.Link.WaitConnectedAsync(TimeSpan.FromSeconds(5)), pub.Link.LastError);

        await pub.PublishAsync(new EdgeVoice.Core.Intent(EdgeVoice.Core.IntentNames.TurnOn, "kettle", EdgeVoice.Core.Intent.NoSlots));
        await pub.PublishAsync(new EdgeVoice.Core.Intent(EdgeVoice.Core.IntentNames.TurnOn, "front_door", EdgeVoice.Core.Intent.NoSlots));
        Assert.Equal(0, await pub.FlushAsync(TimeSpan.FromSeconds(5)));
        var got = await sub.WaitForAsync(l => l.Count(m => m.Topic == "edgevoice/kitchen/intent") >= 2, TimeSpan.FromSeconds(5));
        await Task.Delay(300);
        Assert.Contains(("home/kitchen/kettle/set", "ON"), devices.Messages);
        Assert.DoesNotContain(devices.Messages, m => m.Topic == "home/front_door/set");
        Assert.DoesNotContain(sub.Messages, m => m.Topic.StartsWith("home/")); // HA's user only sees EdgeVoice topics
        Assert.Equal(2, sub.Messages.Count(m => m.Topic == "edgevoice/kitchen/intent"));
        Assert.Contains(bus.Events, e => e is EdgeVoice.Core.Notice n && n.Message.Contains("home/front_door/set"));
        Assert.Contains("check the broker ACL", log.All);
    }
}
