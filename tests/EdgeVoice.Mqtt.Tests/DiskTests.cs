using System.Text;
using EdgeVoice.Testing;

namespace EdgeVoice.Mqtt.Tests;

public class DiskTests
{
    /// <summary>Nothing listens on this port: the messages stay in the outbox.</summary>
    static MqttOptions Offline(string outbox) => new() { Host = "127.0.0.1", Port = MosquittoBroker.FreePort(), OutboxDir = outbox, PublishWaitMs = 200 };

    [Fact]
    public async Task A_disk_full_during_enqueue_queues_neither_the_device_message_nor_the_event_and_leaves_no_temp_file()
    {
        var outbox = Repo.TempDir("outbox");
        var log = new TestLog();
        await using var pub = Kit.Publisher(Offline(outbox), Kit.Voice("full"), log);
        // The disk fills up when the intent event is written, after the device command fitted.
        pub.Link.Outbox.Writing = (_, bytes) =>
        {
            if (Encoding.UTF8.GetString(bytes).Contains("edgevoice/full/intent")) throw new IOException("No space left on device");
        };
        var e = await Assert.ThrowsAsync<IOException>(() => pub.PublishAsync(Kit.Light(40)));
        Assert.Contains("No space left", e.Message);
        Assert.Equal(0, pub.Link.Outbox.Count);
        Assert.Empty(Directory.GetFiles(outbox));
        Assert.Equal(0, await pub.FlushAsync(TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public async Task A_full_outbox_reports_what_it_dropped_in_the_log_and_on_the_bus()
    {
        var o = Offline(Repo.TempDir("outbox"));
        o.OutboxMaxMessages = 4;
        var log = new TestLog();
        var bus = new Recorder();
        await using var pub = Kit.Publisher(o, Kit.Voice("cap"), log, bus);
        for (int i = 0; i < 3; i++) await Assert.ThrowsAsync<MqttOfflineException>(() => pub.PublishAsync(Kit.Light(i)));
        Assert.Equal(4, pub.Link.Outbox.Count);
        Assert.Contains("is full (Mqtt:OutboxMaxMessages 4", log.All);
        Assert.Equal(2, bus.Events.OfType<EdgeVoice.Core.Notice>().Count(n => n.Message.Contains("outbox full")));
    }
}

public class OutboxFolderTests
{
    /// <summary>A path below a regular file cannot be created, even by root.</summary>
    static string Unusable()
    {
        var file = Path.Combine(Repo.TempDir("blocked"), "file");
        File.WriteAllText(file, "");
        return Path.Combine(file, "state");
    }

    static MqttOptions Default() => new();

    [Fact]
    public void Under_systemd_an_unusable_state_folder_is_a_clear_error_instead_of_a_fallback_to_home()
    {
        var home = Repo.TempDir("home");
        var env = new Dictionary<string, string?> { ["INVOCATION_ID"] = "abc", ["STATE_DIRECTORY"] = Unusable(), ["HOME"] = home };
        var e = Assert.Throws<InvalidOperationException>(() => MqttLink.OpenOutbox(Default(), new TestLog().For<MqttLink>(), k => env.GetValueOrDefault(k)));
        Assert.Contains("StateDirectory=edgevoice", e.Message);
        Assert.Contains(env["STATE_DIRECTORY"]!, e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(home));
    }

    [Fact]
    public void Systemd_state_directory_is_used_and_without_a_service_manager_both_unusable_folders_are_named()
    {
        var state = Repo.TempDir("state");
        var box = MqttLink.OpenOutbox(Default(), new TestLog().For<MqttLink>(), k => k == "STATE_DIRECTORY" ? state : null);
        Assert.Equal(Path.Combine(state, "outbox"), box.Dir);

        var blocked = Unusable();
        var xdg = Unusable();
        var env = new Dictionary<string, string?> { ["STATE_DIRECTORY"] = blocked, ["XDG_STATE_HOME"] = xdg };
        var e = Assert.Throws<InvalidOperationException>(() => MqttLink.OpenOutbox(Default(), new TestLog().For<MqttLink>(), k => env.GetValueOrDefault(k)));
        Assert.Contains(blocked, e.Message);
        Assert.Contains(xdg, e.Message);
        Assert.Contains("Mqtt:OutboxDir", e.Message);
    }
}
