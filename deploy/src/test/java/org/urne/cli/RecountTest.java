package org.urne.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.ingest.parse.PollDefinitionParser;
import org.urne.tally.agent.ResultsRenderer;
import org.urne.tally.core.ReceiptLookup;
import org.urne.tally.core.ReceiptStatus;
import org.urne.tally.core.TallyCore;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.BallotContent;
import org.urne.tally.domain.Choice;
import org.urne.tally.domain.Item;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollKind;
import org.urne.tally.domain.RevotePolicy;
import org.urne.tally.journal.ArgumentKeys;
import org.urne.tally.journal.Journal;
import org.urne.tally.journal.JournalContext;
import org.urne.tally.journal.JournalReader;
import org.urne.tally.journal.VoterKeys;

/**
 * The independent recount ({@code tools/recount/recount.py}, Python, written from docs/journal-format.md and the
 * counting rules of docs/architecture.md) against Urne's own count: on random journals of every poll kind and on
 * the demo polls and on the golden journals of both format versions and one that goes from the first to the second, it must print, from {@code urne export --format ndjson}, exactly the bytes {@code GET
 * .../results.csv} serves (the renderer over the replayed core); and it must refuse an export with one byte of one
 * record changed, naming that record's position, and a truncated export, each in one line.
 */
class RecountTest
{
    private static final Path RECOUNT = Path.of("../tools/recount/recount.py");
    private static final Path DEMO_POLLS = Path.of("src/dist/config/demo-polls");
    private static final Path GOLDEN = Path.of("../tally/src/test/resources/org/urne/tally/journal");
    private static final int RANDOM_JOURNALS = 5;

    @TempDir
    Path directory;

    @Test
    void recountsRandomJournalsExactlyAsUrneDoes() throws Exception
    {
        for (long seed = 1; seed <= RANDOM_JOURNALS; seed++)
        {
            final Path journal = directory.resolve("journal-" + seed);
            RandomPollJournal.write(journal, seed, RandomPollJournal.randomPolls(seed), 600);
            requireSameResults(journal, "seed " + seed);
        }
    }

    @Test
    void recountsTheDemoPollsExactlyAsUrneDoes() throws Exception
    {
        final List<PollDefinition> demo = new ArrayList<>();
        try (Stream<Path> files = Files.list(DEMO_POLLS))
        {
            for (final Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList())
            {
                demo.add(PollDefinitionParser.parse(new ObjectMapper().readTree(file.toFile()), null));
            }
        }
        assertThat(demo).hasSize(3);
        final Path journal = directory.resolve("demo");
        RandomPollJournal.write(journal, 2022, demo, 1500);
        requireSameResults(journal, "demo polls");
    }

    @Test
    void recountsTheGoldenJournalsExactlyAsUrneDoes() throws Exception
    {
        unzip(GOLDEN.resolve("golden-v1.zip"), directory.resolve("golden-v1"));
        unzip(GOLDEN.resolve("golden-v2.zip"), directory.resolve("golden-v2"));
        for (final String version : List.of("golden-v1", "golden-v2"))
        {
            try (Stream<Path> journals = Files.list(directory.resolve(version)))
            {
                for (final Path journal : journals.sorted().toList())
                {
                    requireSameResults(journal, version + " " + journal.getFileName());
                }
            }
        }
        // A journal begun in format version 1 and continued in version 2 after an upgrade: one chain, one count.
        final Path upgraded = directory.resolve("golden-v1").resolve("seed-1");
        RandomPollJournal.generate(12, RandomPollJournal.randomPolls(12), 150).appendTo(upgraded);
        requireSameResults(upgraded, "version 1 then 2");
    }

    /**
     * Format 4's arguments (issue 16): encrypted as a server journals them, one hidden and one erased (its key
     * destroyed, as the tally agent does): the recount skips the ciphertexts and counts as Urne does, the export names
     * the hidden and erased arguments, and the erased text is in no export and no file of the directory.
     */
    @Test
    void recountsEncryptedHiddenAndErasedArgumentsAndTheExportsLoseTheErasedText() throws Exception
    {
        final Path random = directory.resolve("encrypted");
        RandomPollJournal.generate(14, RandomPollJournal.randomPolls(14), 400).appendTo(random);
        requireSameResults(random, "encrypted arguments");

        final Path written = directory.resolve("arguments");
        final VoterKeys keys = new VoterKeys("a demo secret that is long enough for HMAC".getBytes(StandardCharsets.UTF_8));
        final String poll = "consultation";
        final List<String> texts = List.of("Hidden-4c1d: hors charte", "Erased-9e2f: Jean Dupont, 12 rue Blatin",
            "Kept-7a0b: plus d'ombre");
        final List<Long> positions = new ArrayList<>();
        try (Journal journal = Journal.open(new JournalContext().directory(written)))
        {
            journal.append(new JournalEntry.PollDefined(new PollDefinition(poll, "Consultation", PollKind.OPINION,
                List.of("digital"), null, null, RevotePolicy.REPLACE, 0, 0, List.of(new Item(1, "Arbres", null, null)),
                List.of(), 0, 200))).join();
            journal.append(new JournalEntry.PollOpened(poll)).join();
            for (int i = 0; i < texts.size(); i++)
            {
                positions.add(journal.append(new JournalEntry.BallotCast(new Ballot(poll, null,
                    keys.voterKey(poll, "voter-" + i), keys.ballotKey(poll, "b-" + i), "digital", 1_000,
                    keys.tagArgument(poll, new BallotContent.Opinion(1, Choice.FOR, texts.get(i))))))
                    .join().position());
            }
            journal.append(new JournalEntry.ArgumentHidden(poll, positions.get(0), "Hors charte")).join();
            journal.append(new JournalEntry.ArgumentErased(poll, positions.get(1))).join();
            assertThat(journal.argumentKeys().destroy(poll, keys.ballotKey(poll, "b-1"))).isTrue();
        }
        requireSameResults(written, "hidden and erased arguments");
        assertThat(CliRun.of("verify", "-j", written.toString()).exitCode()).isZero();

        final Path export = export(written);
        final List<String> lines = Files.readAllLines(export);
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"type\":\"argument-hidden\"",
            "\"argument\":" + positions.get(0), "\"hideReason\":\"Hors charte\""));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"type\":\"argument-erased\"",
            "\"argument\":" + positions.get(1), "\"outcome\":\"accepted\""));
        final CliRun csv = CliRun.of("export", "-j", written.toString(), "--format", "csv");
        assertThat(csv.out()).contains("argument-hidden").contains("Hors charte").contains("argument-erased");
        for (final byte[] bytes : List.of(Files.readAllBytes(export), csv.out().getBytes(StandardCharsets.UTF_8)))
        {
            assertThat(new String(bytes, StandardCharsets.UTF_8)).as("an export").doesNotContain(texts.get(1))
                .contains(texts.get(0)).contains(texts.get(2));
        }
        final List<Path> stored = new ArrayList<>(List.of(ArgumentKeys.pathFor(written)));
        try (Stream<Path> files = Files.walk(written))
        {
            stored.addAll(files.filter(Files::isRegularFile).toList());
        }
        for (final Path file : stored)
        {
            assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).as(file.toString())
                .doesNotContain(texts.get(1)).doesNotContain(texts.get(2));
        }
    }

    /** An assembly's records (issue 17) count in no poll: the recount chains them, skips them and counts the rest. */
    @Test
    void recountsAJournalWithAnAssemblySessionAndTheExportDecodesItsRecords() throws Exception
    {
        final RandomPollJournal journal = RandomPollJournal.generate(13, RandomPollJournal.randomPolls(13), 200);
        AssemblySession.entries().forEach(journal::add);
        final Path written = directory.resolve("assembly");
        journal.writeTo(written);
        requireSameResults(written, "with an assembly session");
        final List<String> lines = Files.readAllLines(export(written));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"type\":\"card-raised\"",
            "\"assembly\":\"room\"", "\"round\":\"r1\"", "\"member\":\"m1\"", "\"card\":\"red\""));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"type\":\"grades-given\"",
            "\"voter\":\"00000000000000010000000000000002\"", "\"grades\":[3,4]", "\"outcome\":\"accepted\""));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"type\":\"device-code-set\"",
            "\"codeKey\":\"00000000000000050000000000000006\""));
    }

    @Test
    void aSealVerifiesOnlyWhenItsDigestsAreThoseOfTheCount() throws Exception
    {
        final List<PollDefinition> polls = RandomPollJournal.randomPolls(11);
        final String poll = polls.get(1).id();
        for (final String damage : List.of("none", "results", "receipts"))
        {
            final RandomPollJournal journal = RandomPollJournal.generate(11, polls, 300);
            journal.add(new JournalEntry.PollClosed(poll));
            final byte[][] digests = sealDigests(journal, poll);
            digests["results".equals(damage) ? 0 : 1][5] ^= "none".equals(damage) ? 0 : 1;
            journal.add(new JournalEntry.PollSealed(poll, digests[0], digests[1], 1, null));
            final int sealPosition = journal.entries().size() - 1;
            final Path directory = this.directory.resolve("sealed-" + damage);
            journal.writeTo(directory);
            final Recount run = Recount.of(export(directory), "--poll", poll);
            if ("none".equals(damage))
            {
                assertThat(run.exitCode()).as(run.err()).isZero();
                assertThat(run.out()).isEqualTo(javaResults(directory).get(poll));
            }
            else
            {
                assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
                assertThat(run.err()).contains("record at position " + sealPosition + " ").contains("seal");
            }
        }
    }

    /**
     * The digests a seal of {@code poll} names when nothing slipped in: the SHA-256 of the poll's results CSV and of
     * its counted receipts, sorted, one per line.
     */
    private static byte[][] sealDigests(final RandomPollJournal journal, final String poll) throws Exception
    {
        final TallyCore core = new TallyCore();
        final List<JournalEntry> entries = journal.entries();
        final TreeSet<String> counted = new TreeSet<>();
        for (int position = 0; position < entries.size(); position++)
        {
            entries.get(position).dispatch(position, journal.times().get(position), core);
        }
        for (final JournalEntry entry : entries)
        {
            final ReceiptLookup lookup = entry instanceof JournalEntry.BallotCast cast && poll.equals(cast.pollId()) &&
                cast.ballot().receipt() != null ? core.lookup(poll, cast.ballot().receipt()) : null;
            if (lookup != null && lookup.status() == ReceiptStatus.COUNTED)
            {
                counted.add(lookup.receipt().toHex() + "\n");
            }
        }
        final MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        final byte[] results = sha256.digest(ResultsRenderer.csv(core.results(poll, core.lastTimeMicros())));
        return new byte[][]{results, sha256.digest(String.join("", counted).getBytes(StandardCharsets.US_ASCII))};
    }

    @Test
    void oneAlteredByteFailsTheRecountNamingItsRecord() throws Exception
    {
        final Path journal = directory.resolve("journal");
        RandomPollJournal.write(journal, 7, RandomPollJournal.randomPolls(7), 200);
        final Path export = export(journal);
        final List<String> lines = Files.readAllLines(export, StandardCharsets.UTF_8);
        final ObjectMapper mapper = new ObjectMapper();
        // Header, chain and body bytes of records near the start, the middle and the end; the last two with their
        // CRC recomputed, as someone altering a record on purpose would: the chain still names them.
        final int[][] alterations = {{3, 0}, {57, 5}, {120, 30}, {150, 70}, {199, 2}, {88, 66}, {160, 80}};
        for (final int[] alteration : alterations)
        {
            final int position = alteration[0];
            final ObjectNode line = (ObjectNode)mapper.readTree(lines.get(position + 1));
            assertThat(line.get("position").asLong()).isEqualTo(position);
            final byte[] record = Base64.getDecoder().decode(line.get("record").asText());
            final int offset = Math.min(alteration[1], record.length - 1);
            record[offset] ^= 0x10;
            if (alteration[1] > 60)
            {
                final CRC32C crc = new CRC32C();
                crc.update(record, 0, 24);
                crc.update(record, 28, record.length - 28);
                ByteBuffer.wrap(record, 24, 4).order(ByteOrder.LITTLE_ENDIAN).putInt((int)crc.getValue());
            }
            line.put("record", Base64.getEncoder().encodeToString(record));
            final List<String> altered = new ArrayList<>(lines);
            altered.set(position + 1, mapper.writeValueAsString(line));
            final Path tampered = directory.resolve("tampered-" + position + ".ndjson");
            Files.write(tampered, altered, StandardCharsets.UTF_8);
            final Recount run = Recount.of(tampered);
            assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
            assertThat(run.err().strip()).as("one line").doesNotContain("\n")
                .contains("record at position " + position + " ").doesNotContain("Traceback")
                .contains(alteration[1] > 60 ? "chain" : "CRC32C");
        }
    }

    @Test
    void aTruncatedExportIsAOneLineUsageError() throws Exception
    {
        final Path journal = directory.resolve("journal");
        RandomPollJournal.write(journal, 8, RandomPollJournal.randomPolls(8), 100);
        final Path export = export(journal);
        final byte[] whole = Files.readAllBytes(export);
        final Path cutInALine = directory.resolve("cut-in-a-line.ndjson");
        Files.write(cutInALine, Arrays.copyOf(whole, whole.length / 2));
        final List<String> lines = Files.readAllLines(export, StandardCharsets.UTF_8);
        final Path cutAtALine = directory.resolve("cut-at-a-line.ndjson");
        Files.write(cutAtALine, lines.subList(0, 60), StandardCharsets.UTF_8);
        for (final Path truncated : List.of(cutInALine, cutAtALine, directory.resolve("missing.ndjson")))
        {
            final Recount run = Recount.of(truncated);
            assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
            assertThat(run.err().strip()).doesNotContain("\n").doesNotContain("Traceback").isNotEmpty();
            assertThat(run.out()).isEmpty();
        }
        assertThat(Recount.of(cutAtALine).err()).contains("truncated");
    }

    @Test
    void thePythonUnitTestsPass() throws Exception
    {
        // The parts Urne's results cannot reach alone: majority judgment against naive median removal, the seal rule.
        final Process process = new ProcessBuilder("python3", "-B", "-m", "unittest", "discover", "-s",
            RECOUNT.getParent().toString(), "-p", "test_*.py").redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("OK");
    }

    /** The recount's CSV of every poll, and of one poll alone, against the Java renderer's bytes. */
    private void requireSameResults(final Path journal, final String what) throws Exception
    {
        final Map<String, String> expected = javaResults(journal);
        final Path export = export(journal);
        final Recount all = Recount.of(export);
        assertThat(all.exitCode()).as(what + ": " + all.err()).isZero();
        final List<String> sections = new ArrayList<>();
        expected.forEach((poll, csv) -> sections.add("# poll " + poll + "\n" + csv));
        assertThat(all.out()).as(what).isEqualTo(String.join("\n", sections));
        // One poll alone, each kind in turn from one journal to the next: --poll prints exactly its CSV.
        final List<String> polls = new ArrayList<>(expected.keySet());
        final String poll = polls.get(Math.floorMod(what.hashCode(), polls.size()));
        final Recount one = Recount.of(export, "--poll", poll);
        assertThat(one.exitCode()).as(what + ": " + one.err()).isZero();
        assertThat(one.out()).as(what + ", poll " + poll).isEqualTo(expected.get(poll));
    }

    /** What {@code GET /v1/polls/{id}/results.csv} serves once the journal is applied: the renderer over the core. */
    private static Map<String, String> javaResults(final Path journal)
    {
        final TallyCore core = new TallyCore();
        try (JournalReader reader = JournalReader.open(journal, 0))
        {
            reader.replay(core, Long.MAX_VALUE);
        }
        final Map<String, String> results = new LinkedHashMap<>();
        for (final PollDefinition definition : core.definitions())
        {
            results.put(definition.id(), new String(ResultsRenderer.csv(core.results(definition.id(),
                core.lastTimeMicros())), StandardCharsets.UTF_8));
        }
        return results;
    }

    private void unzip(final Path archive, final Path into) throws IOException
    {
        try (InputStream in = Files.newInputStream(archive); ZipInputStream zip = new ZipInputStream(in))
        {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null)
            {
                final Path file = into.resolve(entry.getName()).normalize();
                assertThat(file).startsWithRaw(into);
                Files.createDirectories(file.getParent());
                copySparse(zip, file);
            }
        }
    }

    /** Copies a zip entry leaving its blocks of zeros as holes: a cycle file is an 84 MB mapping, mostly unwritten. */
    private static void copySparse(final InputStream in, final Path file) throws IOException
    {
        final byte[] block = new byte[64 * 1024];
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))
        {
            long position = 0;
            int read;
            while ((read = in.readNBytes(block, 0, block.length)) > 0)
            {
                boolean zeros = true;
                for (int i = 0; i < read && zeros; i++)
                {
                    zeros = block[i] == 0;
                }
                if (!zeros)
                {
                    out.write(ByteBuffer.wrap(block, 0, read), position);
                }
                position += read;
            }
            if (out.size() < position)
            {
                out.write(ByteBuffer.wrap(new byte[1]), position - 1);
            }
        }
    }

    private Path export(final Path journal) throws IOException
    {
        final Path export = Files.createTempFile(directory, "export", ".ndjson");
        final CliRun run = CliRun.of("export", "-j", journal.toString(), "--format", "ndjson", "-o", export.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        return export;
    }

    /** One run of the Python recount. */
    private record Recount(int exitCode, String out, String err)
    {
        static Recount of(final Path export, final String... options) throws IOException, InterruptedException
        {
            final List<String> command = new ArrayList<>(List.of("python3", RECOUNT.toString(), export.toString()));
            command.addAll(List.of(options));
            final Process process = new ProcessBuilder(command).start();
            final byte[] out = process.getInputStream().readAllBytes();
            final byte[] err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                throw new IllegalStateException("the recount did not end within 60 s");
            }
            return new Recount(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
        }
    }
}
