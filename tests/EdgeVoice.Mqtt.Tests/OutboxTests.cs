using EdgeVoice.Testing;

namespace EdgeVoice.Mqtt.Tests;

/// <summary>A wall clock that can jump (NTP on a Pi without RTC) apart from the monotonic clock.</summary>
sealed class JumpyTime : TimeProvider
{
    public DateTimeOffset Wall { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public TimeSpan Monotonic { get; set; } = TimeSpan.FromHours(1);
    public override DateTimeOffset GetUtcNow() => Wall;
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    public override long GetTimestamp() => Monotonic.Ticks;
    public void Advance(TimeSpan t) { Wall += t; Monotonic += t; }
}

public class OutboxTests
{
    static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void Reopened_outbox_keeps_order_and_ignores_torn_or_corrupt_files()
    {
        var dir = Repo.TempDir("outbox");
        var a = new Outbox(dir);
        for (int i = 0; i < 5; i++) a.Enqueue("t/" + i, "p" + i, false, Minute);
        a.Remove(a.Peek()!.Seq);
        File.WriteAllText(Path.Combine(dir, "000000000099.msg.tmp"), "{\"Seq\":99,"); // killed mid-write
        File.WriteAllText(Path.Combine(dir, "000000000098.msg"), "not json");        // damaged disk
        // A file from before groups: one message, not an array.
        File.WriteAllText(Path.Combine(dir, "000000000097.msg"),
            $"{{\"Seq\":97,\"Topic\":\"t/old\",\"Payload\":\"p\",\"Retain\":false,\"ExpiresAt\":\"{DateTimeOffset.UtcNow.AddMinutes(1):O}\",\"Id\":null}}");

        var b = new Outbox(dir);
        Assert.Equal(["t/1", "t/2", "t/3", "t/4", "t/old"], b.Snapshot().Select(m => m.Topic));
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
        Assert.Single(Directory.GetFiles(dir, "*.corrupt"));
        var next = b.Enqueue("t/5", "p5", true, Minute);
        Assert.True(next.Seq > b.Snapshot()[^2].Seq);
        Assert.InRange(b.Remaining(b.Peek()!), TimeSpan.FromSeconds(50), Minute);
    }

    [Fact]
    public void Messages_enqueued_together_share_one_file_that_goes_when_the_last_of_them_is_sent()
    {
        var dir = Repo.TempDir("outbox");
        var box = new Outbox(dir);
        var group = box.EnqueueAll([("home/light/set", "ON"), ("edgevoice/n/intent", "{}")], false, Minute, out _);
        Assert.Single(Directory.GetFiles(dir, "*.msg"));
        box.Remove(group[0].Seq);
        // At least once: a kill now sends both again after the restart (the event's id lets receivers de-duplicate).
        Assert.Equal(["home/light/set", "edgevoice/n/intent"], new Outbox(dir).Snapshot().Select(m => m.Topic));
        box.Remove(group[1].Seq);
        Assert.Empty(Directory.GetFiles(dir));
    }

    [Fact]
    public void Outbox_files_and_folder_are_private_to_the_service_user()
    {
        var dir = Path.Combine(Repo.TempDir("outbox"), "new");
        var box = new Outbox(dir);
        box.Enqueue("edgevoice/n/intent", "{\"transcript\":\"unlock the door\"}", false, Minute);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Directory.GetFiles(dir).Single()));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dir));
    }

    [Fact]
    public void Expiry_counts_monotonic_time_so_a_wall_clock_jump_neither_expires_nor_prolongs_a_command()
    {
        var dir = Repo.TempDir("outbox");
        var t = new JumpyTime();
        var box = new Outbox(dir, time: t);
        var m = box.Enqueue("home/light/set", "ON", false, Minute);
        t.Wall += TimeSpan.FromDays(300); // NTP arrives on a Pi that booted in 2026-01-01
        Assert.InRange(box.Remaining(m), TimeSpan.FromSeconds(59), Minute);
        t.Monotonic += TimeSpan.FromSeconds(61);
        Assert.True(box.Remaining(m) <= TimeSpan.Zero);

        // After a restart with the wall clock set back a year, a queued command still has at most its TTL.
        var n = box.Enqueue("home/light/set", "OFF", false, Minute);
        t.Wall -= TimeSpan.FromDays(365);
        var reopened = new Outbox(dir, time: t);
        Assert.InRange(reopened.Remaining(reopened.Snapshot().Single(x => x.Seq == n.Seq)), TimeSpan.FromSeconds(59), Minute);
    }

    [Fact]
    public void A_full_outbox_drops_expired_messages_first_then_the_oldest_and_says_which()
    {
        var t = new JumpyTime();
        var box = new Outbox(Repo.TempDir("outbox"), new OutboxLimits(MaxMessages: 4, MaxBytes: 1 << 20), t);
        box.Enqueue("a", "1", false, Minute);
        box.Enqueue("b", "1", false, TimeSpan.FromSeconds(1));
        box.Enqueue("c", "1", false, Minute);
        box.Enqueue("d", "1", false, Minute);
        t.Advance(TimeSpan.FromSeconds(2));
        box.EnqueueAll([("e", "1")], false, Minute, out var dropped);
        Assert.Equal(["b"], dropped.Select(m => m.Topic)); // expired, though "a" is older
        box.EnqueueAll([("f", "1")], false, Minute, out dropped);
        Assert.Equal(["a"], dropped.Select(m => m.Topic));
        Assert.Equal(["c", "d", "e", "f"], box.Snapshot().Select(m => m.Topic));

        var bytes = new Outbox(Repo.TempDir("outbox"), new OutboxLimits(MaxMessages: 100, MaxBytes: 10_000), t);
        for (int i = 0; i < 5; i++) bytes.Enqueue("t" + i, new string('x', 3000), false, Minute);
        Assert.Equal(["t2", "t3", "t4"], bytes.Snapshot().Select(m => m.Topic));
        Assert.True(bytes.Bytes <= 10_000);
        Assert.Equal(3, Directory.GetFiles(bytes.Dir, "*.msg").Length);
    }

    [Fact]
    public void Directory_sync_reaches_the_kernel_and_names_a_missing_folder()
    {
        var dir = Repo.TempDir("dirsync");
        DirectorySync.Flush(dir); // libc bound and fsync accepted on a real folder
        var missing = Path.Combine(dir, "gone");
        var e = Assert.Throws<IOException>(() => DirectorySync.Flush(missing));
        Assert.Contains(missing, e.Message);
    }
}
