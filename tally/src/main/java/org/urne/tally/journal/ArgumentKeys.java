package org.urne.tally.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;

import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.BallotContent;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Key128;
import org.urne.tally.domain.SealedArgument;
import org.urne.tally.domain.Sha256;
import org.urne.tally.domain.Utf8;

/**
 * The argument key store: one random AES-256 key per argument, in a file beside the journal directory
 * ({@link #pathFor}), never in the journal, which holds only ciphertexts (record format 4). Destroying a key
 * erases its text for good, from every later answer, export and replay, while the journal and its chain stay as
 * they are.
 *
 * <p>A key is named by its argument's poll and ballot key ({@link #keyId}), so a retry journaled twice is
 * encrypted under the same key and one erasure covers both. The file is an 8-byte magic, then entries of the key
 * id (two little-endian longs), the key (32 bytes) and a CRC32C of both; a torn entry (a crash while it was
 * appended, before the journal record that needed it was written) is skipped, and when it is the last one, cut off
 * when the store is opened for writing, so that the next key is written where it was. Keys are written at the end
 * of the last whole entry, not appended: a write that failed half way (a full disk) is overwritten by the next one
 * instead of shifting every later entry; and into zeros written ahead ({@link #AHEAD}), which fail their CRC like a
 * torn entry and are cut off at the next open. A new key is written when its record
 * is appended, and the journal's writer syncs the file before it writes any record whose key is not synced yet
 * ({@link #hasUnsynced}, {@link #sync}): one sync per batch that holds arguments, none for the ballots without.
 * Destroying rewrites the file without the key (a new file, synced, renamed over the old one, then the directory
 * synced). Thread-safe: producers add keys, the writer syncs, the tally agent destroys.
 */
public final class ArgumentKeys implements AutoCloseable
{
    private static final byte[] MAGIC = "URNEKEY1".getBytes(StandardCharsets.US_ASCII);
    private static final int ENTRY_LENGTH = 16 + ArgumentCipher.KEY_LENGTH + 4;
    /**
     * The zeros written ahead of the keys at a time, 1,260 entries: a sync after a write within the file's length
     * writes the data alone, one that follows a longer file also its new length ({@code dd} with
     * {@code oflag=dsync}: 93 µs a write within, 133 µs at the end), and the journal's writer makes that sync for
     * every batch that holds an argument.
     */
    private static final int AHEAD = 64 * 1024;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(AHEAD);

    private final Path path;
    private final Map<Key128, byte[]> keys = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private FileChannel channel;
    /** Where the next key is written: the end of the last whole entry. */
    private long end;
    /** The file's length: zeros from {@link #end} on, written ahead so that a key's sync does not change it. */
    private long allocated;
    private volatile boolean unsynced;

    private ArgumentKeys(final Path path)
    {
        this.path = path;
    }

    /** The key store of a journal directory: a file beside it, {@code <directory>.argument-keys}. */
    public static Path pathFor(final Path journalDirectory)
    {
        final Path absolute = journalDirectory.toAbsolutePath().normalize();
        return absolute.resolveSibling(absolute.getFileName() + ".argument-keys");
    }

    /** The key store at {@code path} for writing, created (empty, synced) when there is none. */
    public static ArgumentKeys open(final Path path)
    {
        final ArgumentKeys store = new ArgumentKeys(path);
        try
        {
            if (!Files.exists(path))
            {
                write(path, Map.of());
            }
            store.end = store.load();
            store.channel = FileChannel.open(path, StandardOpenOption.WRITE);
            if (store.channel.size() > store.end)
            {
                // Zeros written ahead, or a torn last entry: no record needs it (keys are synced before their
                // records are written).
                store.channel.truncate(store.end);
                store.channel.force(true);
            }
            store.allocated = store.end;
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException("cannot open the argument key store " + path, e);
        }
        return store;
    }

    /** The keys at {@code path} as they are now, to read arguments with (none when there is no file). */
    public static ArgumentKeys readOnly(final Path path)
    {
        final ArgumentKeys store = new ArgumentKeys(path);
        if (Files.exists(path))
        {
            try
            {
                store.load();
            }
            catch (final IOException e)
            {
                throw new UncheckedIOException("cannot read the argument key store " + path, e);
            }
        }
        return store;
    }

    /** The name of an argument's key: SHA-256 of its poll and ballot key, the first 128 bits. */
    public static Key128 keyId(final String pollId, final Key128 ballotKey)
    {
        final MessageDigest sha256 = Sha256.newDigest();
        sha256.update("urne argument key".getBytes(StandardCharsets.US_ASCII));
        sha256.update(Utf8.encode(pollId == null ? "" : pollId));
        sha256.update(ByteBuffer.allocate(17).put((byte)0).putLong(ballotKey.hi()).putLong(ballotKey.lo()).array());
        return Key128.ofDigest(sha256.digest());
    }

    /**
     * The entry with its opinion's argument encrypted under the ballot's key (created and written now when it has
     * none); any other entry as it is. The text stays in the returned entry, for the live tally; the journal writes
     * the ciphertext only.
     */
    public JournalEntry encrypt(final JournalEntry entry)
    {
        if (!(entry instanceof JournalEntry.BallotCast cast) ||
            !(cast.ballot().content() instanceof BallotContent.Opinion opinion) || opinion.argument() == null ||
            opinion.sealed() != null && opinion.sealed().cipher() != null)
        {
            return entry;
        }
        final Ballot ballot = cast.ballot();
        // A ballot without a ballot key is refused by the tally whatever it says: its text gets a key nobody keeps.
        final Key128 id = ballot.receipt() == null ? new Key128(0, 0) : keyId(ballot.pollId(), ballot.receipt());
        final byte[] key = ballot.receipt() == null ? ArgumentCipher.newKey() : keyFor(id);
        final SealedArgument facts = opinion.sealed() != null ? opinion.sealed() :
            SealedArgument.of(opinion.argument(), null);
        final byte[] cipher = ArgumentCipher.encrypt(key, bytes(id), opinion.argument().getBytes(StandardCharsets.UTF_8));
        return new JournalEntry.BallotCast(new Ballot(ballot.pollId(), ballot.ballotId(), ballot.voter(),
            ballot.receipt(), ballot.channel(), ballot.castAt(),
            new BallotContent.Opinion(opinion.item(), opinion.choice(), opinion.argument(), facts.encrypted(cipher)),
            ballot.stand()));
    }

    /**
     * The record with its encrypted argument's text, when this store has its key; else as it is (no argument, or
     * one whose key was destroyed: its text is null).
     */
    public JournalRecord decrypt(final JournalRecord record)
    {
        if (!(record.entry() instanceof JournalEntry.BallotCast cast) ||
            !(cast.ballot().content() instanceof BallotContent.Opinion opinion) || opinion.argument() != null ||
            opinion.sealed() == null || opinion.sealed().cipher() == null || cast.ballot().receipt() == null)
        {
            return record;
        }
        final Ballot ballot = cast.ballot();
        final Key128 id = keyId(ballot.pollId(), ballot.receipt());
        final byte[] key = keys.get(id);
        final byte[] text = key == null ? null : ArgumentCipher.decrypt(key, bytes(id), opinion.sealed().cipher());
        if (text == null || Utf8.firstIllFormed(text, 0, text.length) != Utf8.WELL_FORMED)
        {
            return record;
        }
        final JournalEntry opened = new JournalEntry.BallotCast(new Ballot(ballot.pollId(), ballot.ballotId(),
            ballot.voter(), ballot.receipt(), ballot.channel(), ballot.castAt(),
            opinion.withText(new String(text, StandardCharsets.UTF_8)), ballot.stand()));
        return new JournalRecord(record.position(), record.timeMicros(), opened, record.by(), record.chain());
    }

    /** Whether a key was written since the last {@link #sync}. */
    public boolean hasUnsynced()
    {
        return unsynced;
    }

    /** Makes every key written so far durable. */
    public void sync()
    {
        synchronized (lock)
        {
            if (!unsynced)
            {
                return;
            }
            unsynced = false;
            try
            {
                channel.force(false);
            }
            catch (final IOException e)
            {
                unsynced = true;
                throw new UncheckedIOException("cannot sync the argument key store " + path, e);
            }
        }
    }

    /**
     * Destroys the key of an argument (its poll and ballot key): the file is rewritten without it, durably, before
     * this returns. Returns whether there was such a key (erasing again, or re-applying a journaled erasure to a key
     * store that no longer has it, changes nothing).
     */
    public boolean destroy(final String pollId, final Key128 ballotKey)
    {
        final Key128 id = keyId(pollId, ballotKey);
        synchronized (lock)
        {
            final byte[] key = keys.remove(id);
            if (key == null)
            {
                return false;
            }
            Arrays.fill(key, (byte)0);
            try
            {
                channel.close();
                end = write(path, keys);
                allocated = end;
                channel = FileChannel.open(path, StandardOpenOption.WRITE);
                unsynced = false;
            }
            catch (final IOException e)
            {
                throw new UncheckedIOException("cannot rewrite the argument key store " + path, e);
            }
            return true;
        }
    }

    /** Whether the store holds the key of this argument. */
    public boolean holds(final String pollId, final Key128 ballotKey)
    {
        return keys.containsKey(keyId(pollId, ballotKey));
    }

    @Override
    public void close()
    {
        synchronized (lock)
        {
            if (channel != null)
            {
                try
                {
                    sync();
                    channel.close();
                }
                catch (final IOException e)
                {
                    throw new UncheckedIOException("cannot close the argument key store " + path, e);
                }
            }
        }
    }

    private byte[] keyFor(final Key128 id)
    {
        synchronized (lock)
        {
            final byte[] existing = keys.get(id);
            if (existing != null)
            {
                return existing;
            }
            if (channel == null)
            {
                throw new IllegalStateException("the argument key store " + path + " is open for reading only");
            }
            final byte[] key = ArgumentCipher.newKey();
            try
            {
                if (end + ENTRY_LENGTH > allocated)
                {
                    writeFully(channel, ZEROS.duplicate(), allocated);
                    allocated += AHEAD;
                }
                writeFully(channel, entry(id, key), end);
            }
            catch (final IOException e)
            {
                throw new UncheckedIOException("cannot write to the argument key store " + path, e);
            }
            end += ENTRY_LENGTH;
            keys.put(id, key);
            unsynced = true;
            return key;
        }
    }

    /**
     * Reads every entry whose CRC holds; returns where the last one ends. An entry that fails its CRC is a torn
     * append (no journal record was written after it: the writer syncs keys first), and the bytes after it are
     * searched, one offset at a time, for more: the versions before 2026-12-02 appended the keys of the next run
     * right after such torn bytes, unaligned, and their records need them.
     */
    private long load() throws IOException
    {
        final byte[] bytes = Files.readAllBytes(path);
        if (bytes.length < MAGIC.length || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length))
        {
            throw new IOException(path + " is not an argument key store");
        }
        final ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        final CRC32C crc = new CRC32C();
        int at = MAGIC.length;
        int end = at;
        while (at + ENTRY_LENGTH <= bytes.length)
        {
            crc.reset();
            crc.update(bytes, at, ENTRY_LENGTH - 4);
            if (buffer.getInt(at + ENTRY_LENGTH - 4) != (int)crc.getValue())
            {
                at++;
                continue;
            }
            final byte[] key = Arrays.copyOfRange(bytes, at + 16, at + 16 + ArgumentCipher.KEY_LENGTH);
            keys.put(new Key128(buffer.getLong(at), buffer.getLong(at + 8)), key);
            at += ENTRY_LENGTH;
            end = at;
        }
        return end;
    }

    /**
     * Writes a whole key store to a new file, synced, renamed over {@code path}, the directory synced; returns its
     * length.
     */
    private static long write(final Path path, final Map<Key128, byte[]> keys) throws IOException
    {
        final Path temporary = path.resolveSibling(path.getFileName() + ".new");
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING))
        {
            writeFully(out, ByteBuffer.wrap(MAGIC), 0);
            long at = MAGIC.length;
            for (final Map.Entry<Key128, byte[]> key : keys.entrySet())
            {
                writeFully(out, entry(key.getKey(), key.getValue()), at);
                at += ENTRY_LENGTH;
            }
            out.force(true);
        }
        Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Fsync.directory(path.toAbsolutePath().getParent());
        return MAGIC.length + (long)keys.size() * ENTRY_LENGTH;
    }

    /** Writes all of {@code buffer} at {@code position}: a positional write may write only part of it. */
    private static void writeFully(final FileChannel channel, final ByteBuffer buffer, final long position)
        throws IOException
    {
        final int start = buffer.position();
        while (buffer.hasRemaining())
        {
            channel.write(buffer, position + buffer.position() - start);
        }
    }

    private static ByteBuffer entry(final Key128 id, final byte[] key)
    {
        final ByteBuffer entry = ByteBuffer.allocate(ENTRY_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        entry.putLong(id.hi()).putLong(id.lo()).put(key);
        final CRC32C crc = new CRC32C();
        crc.update(entry.array(), 0, ENTRY_LENGTH - 4);
        entry.putInt((int)crc.getValue());
        return entry.flip();
    }

    private static byte[] bytes(final Key128 id)
    {
        return ByteBuffer.allocate(16).putLong(id.hi()).putLong(id.lo()).array();
    }
}
