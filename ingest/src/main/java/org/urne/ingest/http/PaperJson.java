package org.urne.ingest.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.urne.ingest.security.Caller;
import org.urne.tally.core.PaperView;
import org.urne.tally.domain.Choice;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollKind;
import org.urne.tally.domain.TallySheet;
import org.urne.tally.domain.Times;

/** The paper channel's JSON for the operator screens (docs/api.md, "Paper at the stands"). */
final class PaperJson
{
    private PaperJson()
    {
    }

    /** {@code GET .../stands}: the stands the caller may see, with status and reconciliation. */
    static JsonObject stands(final PollDefinition poll, final PaperView paper, final Caller caller)
    {
        final JsonArray stands = new JsonArray();
        for (final PaperView.StandView stand : paper.stands())
        {
            if (!caller.seesStand(stand.id()))
            {
                continue;
            }
            final JsonArray sheets = new JsonArray();
            for (final PaperView.SheetStatus sheet : stand.sheets())
            {
                sheets.add(new JsonObject().put("sheetId", sheet.sheetId()).put("entry", sheet.entry().wireName()));
            }
            stands.add(new JsonObject().put("id", stand.id()).put("name", stand.name())
                .put("neighbourhood", stand.neighbourhood()).put("status", stand.status()).put("typed", stand.typed())
                .put("sheets", sheets).put("reconciliation", reconciliation(stand)));
        }
        return new JsonObject().put("poll", poll.id()).put("paperEntry", poll.paperEntry().wireName())
            .put("position", paper.position()).put("stands", stands);
    }

    /**
     * The stand's counted figures and where they disagree: signatures on the stand's list should be the valid,
     * blank and spoiled ballots together.
     */
    private static JsonObject reconciliation(final PaperView.StandView stand)
    {
        final JsonArray issues = new JsonArray();
        if (stand.signatures() != TallySheet.NOT_GIVEN)
        {
            final long cast = stand.ballots() + given(stand.blank()) + given(stand.spoiled());
            if (cast != stand.signatures())
            {
                issues.add(new JsonObject().put("code", "signatures-mismatch").put("signatures", stand.signatures())
                    .put("ballots", stand.ballots()).put("blank", given(stand.blank()))
                    .put("spoiled", given(stand.spoiled())));
            }
        }
        return new JsonObject().put("ballots", stand.ballots()).put("blank", figure(stand.blank()))
            .put("spoiled", figure(stand.spoiled())).put("signatures", figure(stand.signatures()))
            .put("issues", issues);
    }

    /** {@code GET .../tally-sheets/{sheetId}}: its state, counted figures, pending entries and their differences. */
    static JsonObject sheet(final PollDefinition poll, final PaperView.SheetView sheet)
    {
        final JsonArray entries = new JsonArray();
        for (final PaperView.Entry entry : sheet.entries())
        {
            entries.add(new JsonObject().put("by", entry.by()).put("position", entry.position())
                .put("at", Times.toInstant(entry.timeMicros()).toString()).put("sheet", figures(poll, entry.sheet())));
        }
        return new JsonObject().put("sheetId", sheet.sheetId()).put("stand", sheet.stand())
            .put("entry", sheet.entry().wireName())
            .put("counted", sheet.counted() == null ? null : figures(poll, sheet.counted()))
            .put("entries", entries).put("differences", new JsonArray(sheet.differences()));
    }

    /** A sheet's figures as a client enters them. */
    static JsonObject figures(final PollDefinition poll, final TallySheet sheet)
    {
        final JsonObject counts = new JsonObject();
        for (int i = 0; i < sheet.items().length; i++)
        {
            counts.put(Integer.toString(sheet.items()[i]), cells(poll.kind(), sheet.counts()[i]));
        }
        return new JsonObject().put("stand", sheet.stand()).put("channel", sheet.channel())
            .put("ballots", sheet.ballots()).put("blank", figure(sheet.blank())).put("spoiled", figure(sheet.spoiled()))
            .put("signatures", figure(sheet.signatures())).put("counts", counts);
    }

    private static Object cells(final PollKind kind, final long[] cells)
    {
        return switch (kind)
        {
            case PRIORITY -> cells[0];
            case OPINION ->
            {
                final JsonObject choices = new JsonObject();
                for (final Choice choice : Choice.values())
                {
                    choices.put(choice.wireName(), cells[choice.ordinal()]);
                }
                yield choices;
            }
            case JUDGMENT ->
            {
                final JsonArray grades = new JsonArray();
                for (final long count : cells)
                {
                    grades.add(count);
                }
                yield grades;
            }
        };
    }

    private static Long figure(final long value)
    {
        return value == TallySheet.NOT_GIVEN ? null : value;
    }

    private static long given(final long value)
    {
        return value == TallySheet.NOT_GIVEN ? 0 : value;
    }
}
