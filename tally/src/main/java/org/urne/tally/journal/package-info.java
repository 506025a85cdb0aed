/**
 * The journal: the append-only truth every count is computed from.
 *
 * <h2>Shape</h2>
 * Producers on any thread call {@link org.urne.tally.journal.Journal#append}; the entry is encoded on the caller's
 * thread into an Agrona many-to-one ring buffer, and one writer thread drains the ring, stamps each record with the
 * next position and the server time, appends it to a Chronicle Queue, makes the batch durable with one sync and
 * then completes the batch's futures (group commit). A full ring fails the append at once with
 * {@link org.urne.tally.journal.JournalBackpressureException}; nothing ever blocks a producer.
 * {@link org.urne.tally.journal.JournalReader} reads and tails the records into a
 * {@link org.urne.tally.domain.TallyIn}; {@link org.urne.tally.journal.JournalVerifier} checks a whole journal.
 * Raw voter ids never get here: entry points key them first with {@link org.urne.tally.journal.VoterKeys}.
 *
 * <h2>Record format (version 2; docs/journal-format.md is the reference for readers outside this code)</h2>
 * One record per Chronicle document, little-endian:
 * <pre>
 *  0  u16  format version (2)
 *  2  u16  type: 1 poll defined, 2 poll opened, 3 poll closed, 4 ballot cast, 5 tally sheet recorded,
 *          6 poll sealed, 7 commitment
 *  4  i64  position: the sequence number, 0, 1, 2, ... assigned by the writer, without gaps
 * 12  i64  server time of receipt, microseconds since the epoch, assigned by the writer, never decreasing
 * 20  i32  body length
 * 24  i32  CRC32C of bytes 0-23, then of everything from byte 28 to the record's end
 * 28  u8[32] the record's chain value: SHA-256(previous record's value || bytes 0-23 || body), 32 zero bytes
 *          before the first record ({@link org.urne.tally.journal.RecordChain})
 * 60  i32  side length: bytes after the body, outside the chain (an opinion's argument text)
 * 64  body, then the side
 * </pre>
 * Every body starts with the name of the token that made the record (null for the server's own). Body fields then
 * follow the domain records' order. Strings are an i32 UTF-8 byte length then the bytes, -1 for null;
 * int and long arrays an i32 count then the elements, -1 for null; {@code long[][]} a count of rows, each a long
 * array; enums an i8 ordinal, -1 for null; optional {@code Key128} and {@code OffsetDateTime} a presence byte then
 * (hi, lo) or (epoch second, nano, offset seconds), so a definition's times come back with their offsets; ballot
 * content a tag (0 none, 1 selection, 2 opinion, 3 grades, 4 withdrawal) then its fields. A ballot carries its
 * ballot key (the receipt) instead of the platform's ballotId; an opinion's argument is chained as the SHA-256 of its
 * text, the text itself kept in the side section, so erasing it never breaks the chain. Decoding checks every
 * length against the bytes left before allocating, requires the body and side to be consumed exactly, checks the
 * side against its digest, and fails only with {@link org.urne.tally.journal.JournalCorruptException}. Readers
 * follow the chain and name the first record whose stored value is not the one the records before it give.
 * Positions are the journal's own; Chronicle's indices are an implementation detail (they jump at each daily roll).
 *
 * <p>Version 1, which Urne wrote until format 2, is read still: a 28-byte header (bytes 0-27 above, its CRC over
 * bytes 0-23 and the body), no token name, ballots with their ballotId and a receipt keyed as "receipt". Its chain
 * values are derived by the same rule, so a journal begun in version 1 goes on in version 2 as one chain. The golden
 * files under the tally module's test resources pin what each version replays to.
 *
 * <h2>What "acknowledged" means</h2>
 * A future completes only after its whole batch has passed the durability step of the mode chosen in
 * {@link org.urne.tally.journal.JournalContext}:
 * <ul>
 * <li>{@link org.urne.tally.journal.Durability#FSYNC} (default): the queue is built with Chronicle's
 * {@code SyncMode.SYNC} and the writer makes a checked {@code msync(MS_SYNC)} of what the batch wrote once per batch
 * ({@link org.urne.tally.journal.MappedSync}: a refused one stops the writer and refuses the batch); when a
 * batch crosses into a new mapped chunk or a new daily file, the earlier file is fsynced whole and a new file's
 * directory entry too. An acknowledged record is on the storage device: it survives a process crash, a kernel panic
 * and a power loss (given a device that honours flushes).</li>
 * <li>{@link org.urne.tally.journal.Durability#PAGE_CACHE}: no sync; an acknowledged record is in the kernel's page
 * cache. It survives a crash of the process (the memory-mapped file belongs to the kernel), not a power loss or a
 * kernel panic.</li>
 * </ul>
 * A failed future does not mean the record is absent: a writer failure mid-batch leaves it undetermined, and the
 * client's retry with the same ballot id is deduplicated by the tally.
 *
 * <h2>A full disk</h2>
 * Chronicle writes through memory-mapped files: when the filesystem cannot back a page the writer touches, the kernel
 * raises SIGBUS and the process dies, with no exception to catch. So before each batch the writer asks the
 * filesystem for its free space, and while it is below {@link org.urne.tally.journal.JournalContext#minFreeBytes}
 * (64 MiB by default, at least the ring's capacity plus Chronicle's per-batch overhead, the most one batch can
 * write) it fails the waiting records with {@link org.urne.tally.journal.JournalDiskFullException} without writing
 * them. It takes records again, with no restart, as soon as space is freed. Cycle files are sparse (Chronicle maps
 * them in 64 MiB chunks but the filesystem allocates only the pages written), so the reserve is about the pages
 * the next batch touches, not the size of a mapping.
 *
 * <h2>One writer</h2>
 * The writer holds an OS lock on {@code urne.lock} in the journal directory (its pid written inside) for as long as
 * it is open. A second writer, in another process or this one, is refused with
 * {@link org.urne.tally.journal.JournalLockedException} naming the directory and the holder. The OS drops the lock
 * when the holder dies, so a crash never leaves the directory locked.
 *
 * <h2>Recovery on open</h2>
 * The writer reads every record once (CRC and sequence) before appending:
 * <ul>
 * <li>A cycle file whose first header never completed (all zeros, or that header still marked incomplete: a writer
 * killed after Chronicle sized a new file, before it finished the file's first header) holds no record, but
 * Chronicle's readers would wait on its header each time they reach it and then miss what is appended there. The
 * writer renames such files to {@code <name>.blank} (never deletes them) before it opens the queue, and
 * {@link org.urne.tally.journal.Journal#openReport()} names them.</li>
 * <li>A document torn by a crash mid-write (its Chronicle header still marked incomplete) is invisible to readers
 * and overwritten by the next append: Chronicle handles this itself, and it can only hold an unacknowledged
 * record.</li>
 * <li>Records complete for Chronicle but failing our checks <em>after the last valid record</em> (a corrupt tail:
 * what a power loss in page-cache mode, or of an unacknowledged batch, can leave) are dropped: their Chronicle
 * indices are appended to {@code urne.dropped} and forced to disk before anything is appended after them, readers
 * skip exactly those, and {@link org.urne.tally.journal.Journal#openReport()} reports how many records and bytes
 * were dropped so the caller logs it. The sequence continues after the last valid record.</li>
 * <li>A newest daily file that lost its tail (a copy cut short, a filesystem that kept only its first pages)
 * would hide everything appended after the cut: Chronicle continues from the last header it wrote, which now reads
 * as zero, and readers stop at the first zero header. {@code TruncatedTail} bridges the gap with metadata documents
 * readers skip, and the report says how many bytes were cut off. A file cut inside its own header cannot be read at all,
 * and opening refuses with {@link org.urne.tally.journal.JournalCorruptException}.</li>
 * <li>A bad record <em>followed by a well-formed one</em> (corruption in the middle) means records were lost or
 * altered: the writer refuses to open with a {@link org.urne.tally.journal.JournalCorruptException} naming the
 * position, and readers stop at it. That needs an operator and a backup, never a silent repair.</li>
 * </ul>
 * The writer also resumes the clock from the last record's time, so recorded time never goes backwards across
 * restarts.
 */
package org.urne.tally.journal;
