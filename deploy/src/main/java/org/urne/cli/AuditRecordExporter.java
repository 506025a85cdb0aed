package org.urne.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.urne.tally.core.TallyCore;
import org.urne.tally.assembly.AssemblyEvent;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.BallotContent;
import org.urne.tally.domain.Item;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Key128;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.Stand;
import org.urne.tally.domain.TallyIn;
import org.urne.tally.domain.Sha256;
import org.urne.tally.domain.TallySheet;
import org.urne.tally.domain.Times;
import org.urne.tally.journal.JournalReader;
import org.urne.tally.journal.JournalRecord;
import org.urne.tally.journal.JournalRecordCodec;
import org.urne.tally.journal.RecordChain;

/**
 * The auditors' record (docs/journal-format.md, "The auditors' record"): a header line, one JSON object per journal
 * record holding the record's exact bytes in standard base64 ({@code "record"}) and their decoding under the API's
 * field names, then an end line with the record count and the chain head. A verifier derives everything from
 * {@code "record"}; the other fields are for reading. The tally's decision on each record ({@code "outcome"}) comes
 * from a core the records are applied to, as the live tally applied them.
 */
final class AuditRecordExporter implements TallyIn, AutoCloseable
{
    /** The version of this export's line format, written in its header line. */
    static final int EXPORT_FORMAT = 1;

    private final TallyCore core = new TallyCore();
    private final JournalReader reader;
    private final JsonGenerator json;
    private byte[] chainHead = RecordChain.GENESIS;
    private long records;

    /** Exports what {@code reader} dispatches to this exporter, in its order. */
    AuditRecordExporter(final JournalReader reader, final OutputStream out) throws IOException
    {
        this.reader = reader;
        this.json = new JsonFactory().createGenerator(out);
        this.json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
        // One object per line: the line break is the separator, not Jackson's space between root values.
        this.json.setRootValueSeparator(null);
        json.writeStartObject();
        json.writeNumberField("exportFormat", EXPORT_FORMAT);
        json.writeEndObject();
        json.writeRaw('\n');
    }

    @Override
    public void onPollDefined(final long position, final long timeMicros, final PollDefinition definition)
    {
        export();
    }

    @Override
    public void onPollOpened(final long position, final long timeMicros, final String pollId)
    {
        export();
    }

    @Override
    public void onPollClosed(final long position, final long timeMicros, final String pollId)
    {
        export();
    }

    @Override
    public void onBallot(final long position, final long timeMicros, final Ballot ballot)
    {
        export();
    }

    @Override
    public void onTallySheet(final long position, final long timeMicros, final TallySheet sheet)
    {
        export();
    }

    @Override
    public void onPollSealed(final long position, final long timeMicros, final JournalEntry.PollSealed seal)
    {
        export();
    }

    @Override
    public void onCommitment(final long position, final long timeMicros, final String pollId)
    {
        export();
    }

    @Override
    public void onBallotAnnulled(final long position, final long timeMicros, final String pollId,
        final Key128 receipt)
    {
        export();
    }

    @Override
    public void onItemAdded(final long position, final long timeMicros, final JournalEntry.ItemAdded added)
    {
        export();
    }

    @Override
    public void onItemStatusChanged(final long position, final long timeMicros,
        final JournalEntry.ItemStatusChanged changed)
    {
        export();
    }

    @Override
    public void onAssembly(final long position, final long timeMicros, final AssemblyEvent event)
    {
        export();
    }

    @Override
    public void onArgumentHidden(final long position, final long timeMicros, final JournalEntry.ArgumentHidden hidden)
    {
        export();
    }

    @Override
    public void onArgumentErased(final long position, final long timeMicros, final JournalEntry.ArgumentErased erased)
    {
        export();
    }

    /**
     * One line for the record the reader dispatches: its decoding, the core's decision, the chain value and the
     * exact bytes. Every {@link TallyIn} method comes here: the reader's record says all its arguments do.
     */
    private void export()
    {
        final JournalRecord record = reader.current();
        final long position = record.position();
        final long timeMicros = record.timeMicros();
        final JournalEntry entry = record.entry();
        entry.dispatch(position, timeMicros, core);
        final byte[] bytes = reader.currentBytes();
        final int version = (bytes[0] & 0xFF) | (bytes[1] & 0xFF) << 8;
        chainHead = record.chain();
        try
        {
            json.writeStartObject();
            json.writeNumberField("position", position);
            json.writeStringField("type", typeName(entry));
            json.writeStringField("at", Times.toInstant(timeMicros).toString());
            if (version != JournalRecordCodec.VERSION_1)
            {
                json.writeStringField("by", record.by());
            }
            json.writeStringField("chain", Sha256.hex(chainHead));
            EntryJson.write(json, entry, version);
            json.writeStringField("outcome", core.lastOutcome().name().toLowerCase(Locale.ROOT));
            if (core.lastRejectReason() != null)
            {
                json.writeStringField("reason", core.lastRejectReason().description());
            }
            json.writeStringField("record", Base64.getEncoder().encodeToString(bytes));
            json.writeEndObject();
            json.writeRaw('\n');
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
        records++;
    }

    private static String typeName(final JournalEntry entry)
    {
        if (entry instanceof JournalEntry.AssemblyRecorded recorded)
        {
            return AssemblyRecordJson.typeName(recorded.event());
        }
        if (entry instanceof JournalEntry.PollDefined)
        {
            return "poll-defined";
        }
        if (entry instanceof JournalEntry.PollOpened)
        {
            return "poll-opened";
        }
        if (entry instanceof JournalEntry.PollClosed)
        {
            return "poll-closed";
        }
        if (entry instanceof JournalEntry.PollSealed)
        {
            return "poll-sealed";
        }
        if (entry instanceof JournalEntry.CommitmentMade)
        {
            return "commitment";
        }
        if (entry instanceof JournalEntry.BallotAnnulled)
        {
            return "ballot-annulled";
        }
        if (entry instanceof JournalEntry.ItemAdded)
        {
            return "item-added";
        }
        if (entry instanceof JournalEntry.ItemStatusChanged)
        {
            return "item-status";
        }
        if (entry instanceof JournalEntry.ArgumentHidden)
        {
            return "argument-hidden";
        }
        if (entry instanceof JournalEntry.ArgumentErased)
        {
            return "argument-erased";
        }
        return entry instanceof JournalEntry.BallotCast ? "ballot" : "tally-sheet";
    }

    /** Writes the end line, which says the export is whole, and flushes. */
    @Override
    public void close() throws IOException
    {
        json.writeStartObject();
        json.writeObjectFieldStart("end");
        json.writeNumberField("records", records);
        json.writeStringField("chainHead", Sha256.hex(chainHead));
        json.writeEndObject();
        json.writeEndObject();
        json.writeRaw('\n');
        json.close();
    }

    /** The decoded fields of each kind of entry, under the API's names; a decoded record may hold nulls anywhere. */
    private static final class EntryJson
    {
        private EntryJson()
        {
        }

        static void write(final JsonGenerator json, final JournalEntry entry, final int version) throws IOException
        {
            if (entry instanceof JournalEntry.AssemblyRecorded recorded)
            {
                AssemblyRecordJson.write(json, recorded.event());
                return;
            }
            json.writeStringField("poll", entry.pollId());
            if (entry instanceof JournalEntry.PollDefined defined)
            {
                json.writeFieldName("definition");
                definition(json, defined.definition(), version);
            }
            else if (entry instanceof JournalEntry.BallotCast cast)
            {
                ballot(json, cast.ballot(), version);
            }
            else if (entry instanceof JournalEntry.TallySheetRecorded recorded)
            {
                sheet(json, recorded.sheet(), version);
            }
            else if (entry instanceof JournalEntry.BallotAnnulled annulled)
            {
                json.writeStringField("ballotKey", hex(annulled.receipt()));
            }
            else if (entry instanceof JournalEntry.ItemAdded added)
            {
                json.writeStringField("title", added.title());
                json.writeStringField("group", added.group());
                json.writeStringField("subject", added.subject());
                json.writeStringField("description", added.description());
                json.writeStringField("link", added.link());
                json.writeStringField("proposer", hex(added.proposer()));
            }
            else if (entry instanceof JournalEntry.ItemStatusChanged changed)
            {
                json.writeNumberField("item", changed.item());
                json.writeStringField("status", changed.status() == null ? null : changed.status().wireName());
                json.writeStringField("reason", changed.reason());
            }
            else if (entry instanceof JournalEntry.ArgumentHidden hidden)
            {
                json.writeNumberField("argument", hidden.argument());
                json.writeStringField("hideReason", hidden.reason());
            }
            else if (entry instanceof JournalEntry.ArgumentErased erased)
            {
                json.writeNumberField("argument", erased.argument());
            }
            else if (entry instanceof JournalEntry.PollSealed seal)
            {
                json.writeStringField("resultsSha256", Sha256.hex(seal.resultsSha256()));
                json.writeStringField("receiptsSha256", Sha256.hex(seal.receiptsSha256()));
                json.writeNumberField("format", seal.format());
                json.writeStringField("reason", seal.reason());
            }
        }

        private static void definition(final JsonGenerator json, final PollDefinition definition, final int version)
            throws IOException
        {
            json.writeStartObject();
            json.writeStringField("id", definition.id());
            json.writeStringField("title", definition.title());
            json.writeStringField("kind", definition.kind() == null ? null : definition.kind().wireName());
            json.writeArrayFieldStart("channels");
            for (final String channel : definition.channels())
            {
                json.writeString(channel);
            }
            json.writeEndArray();
            json.writeStringField("opensAt", time(definition.opensAt()));
            json.writeStringField("closesAt", time(definition.closesAt()));
            json.writeStringField("revote", definition.revote() == null ? null : definition.revote().wireName());
            json.writeNumberField("minSelections", definition.minSelections());
            json.writeNumberField("maxSelections", definition.maxSelections());
            json.writeArrayFieldStart("grades");
            for (final String grade : definition.grades())
            {
                json.writeString(grade);
            }
            json.writeEndArray();
            json.writeNumberField("missingGrade", definition.missingGrade());
            json.writeNumberField("maxArgumentLength", definition.maxArgumentLength());
            json.writeArrayFieldStart("items");
            for (final Item item : definition.items())
            {
                json.writeStartObject();
                json.writeNumberField("id", item.id());
                json.writeStringField("title", item.title());
                json.writeStringField("group", item.group());
                json.writeStringField("subject", item.subject());
                if (version >= JournalRecordCodec.VERSION)
                {
                    json.writeStringField("description", item.description());
                    json.writeStringField("link", item.link());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            if (version != JournalRecordCodec.VERSION_1)
            {
                json.writeStringField("sheetsUntil", time(definition.sheetsUntil()));
                json.writeStringField("publication",
                    definition.publication() == null ? null : definition.publication().wireName());
                json.writeNumberField("commitEvery", definition.commitEvery());
            }
            if (version >= JournalRecordCodec.VERSION_3)
            {
                json.writeArrayFieldStart("stands");
                for (final Stand stand : definition.stands())
                {
                    json.writeStartObject();
                    json.writeStringField("id", stand.id());
                    json.writeStringField("name", stand.name());
                    json.writeStringField("neighbourhood", stand.neighbourhood());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeStringField("paperEntry",
                    definition.paperEntry() == null ? null : definition.paperEntry().wireName());
                json.writeStringField("orderSeedSha256", definition.orderSeedSha256());
            }
            if (version >= JournalRecordCodec.VERSION)
            {
                json.writeStringField("proposals",
                    definition.proposals() == null ? null : definition.proposals().wireName());
            }
            json.writeEndObject();
        }

        private static void ballot(final JsonGenerator json, final Ballot ballot, final int version) throws IOException
        {
            if (version == JournalRecordCodec.VERSION_1)
            {
                json.writeStringField("ballotId", ballot.ballotId());
                json.writeStringField("receipt", hex(ballot.receipt()));
            }
            else
            {
                json.writeStringField("ballotKey", hex(ballot.receipt()));
            }
            json.writeStringField("voter", hex(ballot.voter()));
            json.writeStringField("channel", ballot.channel());
            json.writeStringField("castAt", Times.toInstant(ballot.castAt()).toString());
            if (version >= JournalRecordCodec.VERSION_3)
            {
                json.writeStringField("stand", ballot.stand());
            }
            final BallotContent content = ballot.content();
            if (content instanceof BallotContent.Selection selection)
            {
                ints(json, "selections", selection.items());
            }
            else if (content instanceof BallotContent.Opinion opinion)
            {
                json.writeNumberField("item", opinion.item());
                json.writeStringField("choice", opinion.choice() == null ? null : opinion.choice().wireName());
                json.writeStringField("argument", opinion.argument());
            }
            else if (content instanceof BallotContent.Grades grades)
            {
                ints(json, "gradedItems", grades.items());
                ints(json, "grades", grades.grades());
            }
            else if (content instanceof BallotContent.Withdrawal withdrawal)
            {
                json.writeBooleanField("withdraw", true);
                if (withdrawal.item() != BallotContent.NO_ITEM)
                {
                    json.writeNumberField("item", withdrawal.item());
                }
            }
        }

        private static void sheet(final JsonGenerator json, final TallySheet sheet, final int version)
            throws IOException
        {
            if (version >= JournalRecordCodec.VERSION_3)
            {
                json.writeNumberField("blank", sheet.blank());
                json.writeNumberField("spoiled", sheet.spoiled());
                json.writeNumberField("signatures", sheet.signatures());
            }
            json.writeStringField("sheetId", sheet.sheetId());
            json.writeStringField("stand", sheet.stand());
            json.writeStringField("channel", sheet.channel());
            json.writeNumberField("ballots", sheet.ballots());
            ints(json, "items", sheet.items());
            if (sheet.counts() == null)
            {
                json.writeNullField("counts");
                return;
            }
            json.writeArrayFieldStart("counts");
            for (final long[] row : sheet.counts())
            {
                if (row == null)
                {
                    json.writeNull();
                    continue;
                }
                json.writeArray(row, 0, row.length);
            }
            json.writeEndArray();
        }

        private static void ints(final JsonGenerator json, final String field, final int[] values) throws IOException
        {
            json.writeFieldName(field);
            if (values == null)
            {
                json.writeNull();
                return;
            }
            json.writeArray(values, 0, values.length);
        }

        private static String hex(final Key128 key)
        {
            return key == null ? null : key.toHex();
        }

        private static String time(final OffsetDateTime time)
        {
            return time == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
        }
    }
}
