using EdgeVoice.Testing;

namespace EdgeVoice.Mqtt.Tests;

public class OutboxTests
{
    [Fact]
    public void Reopened_outbox_keeps_order_and_ignores_torn_or_corrupt_files()
    {
        var dir = Repo.TempDir("outbox");
        var a = new Outbox(dir);
        var until = DateTimeOffset.UtcNow.AddMinutes(1);
        for (int i = 0; i < 5; i++) a.Enqueue("t/" + i, "p" + i, false, until);
        a.Remove(a.Peek()!.Seq);
        File.WriteAllText(Path.Combine(dir, "000000000099.msg.tmp"), "{\"Seq\":99,"); // killed mid-write
        File.WriteAllText(Path.Combine(dir, "000000000098.msg"), "not json");        // damaged disk

        var b = new Outbox(dir);
        Assert.Equal(["t/1", "t/2", "t/3", "t/4"], b.Snapshot().Select(m => m.Topic));
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
        Assert.Single(Directory.GetFiles(dir, "*.corrupt"));
        var next = b.Enqueue("t/5", "p5", true, until);
        Assert.True(next.Seq > b.Snapshot()[^2].Seq);
        Assert.Equal(until, b.Peek()!.ExpiresAt);
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
