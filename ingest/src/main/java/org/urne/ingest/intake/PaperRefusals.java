package org.urne.ingest.intake;

import org.urne.ingest.problem.ProblemException;
import org.urne.ingest.problem.ProblemType;
import org.urne.ingest.security.Caller;
import org.urne.tally.core.PaperView;

/**
 * The refusals of the paper channel that the edge gives from the published paper view, before anything is
 * journaled, and again (worded the same) when the core refused a record in a race the view could not foresee.
 */
public final class PaperRefusals
{
    /** The extension member saying how the stand's box was entered: {@code typed-ballots} or {@code tally-sheet}. */
    static final String ENTERED_AS = "enteredAs";

    private PaperRefusals()
    {
    }

    /** 403 for a paper token outside its polls or stands. */
    public static ProblemException standNotAllowed(final Caller caller, final String pollId, final String stand)
    {
        final String where = !caller.polls().contains(pollId) ? "poll " + pollId :
            stand == null ? "a record naming no stand" : "stand " + stand + " of poll " + pollId;
        return ProblemType.STAND_NOT_ALLOWED.exception("token " + caller.name() + " may not enter paper for " + where);
    }

    /**
     * 409 for a typed ballot whose stand's box was entered as tally sheets, or null when the view shows it was not.
     */
    public static ProblemException boxEnteredAsSheets(final PaperView paper, final String stand)
    {
        final PaperView.StandView view = paper == null ? null : paper.stand(stand);
        if (view == null || view.mode() != PaperView.BoxMode.SHEETS)
        {
            return null;
        }
        final String sheet = view.sheets().isEmpty() ? "" : " (sheet " + view.sheets().get(0).sheetId() + ")";
        return ProblemType.BOX_ENTERED_OTHERWISE.problem("stand " + stand + "'s box is entered as a tally sheet" +
            sheet + ", so its ballots are not typed one by one as well").with(ENTERED_AS, "tally-sheet").toException();
    }

    /** 409 for a tally sheet whose stand's box was entered as typed ballots, or null when the view shows it was not. */
    public static ProblemException boxEnteredAsTyped(final PaperView paper, final String stand)
    {
        final PaperView.StandView view = paper == null ? null : paper.stand(stand);
        if (view == null || view.mode() != PaperView.BoxMode.TYPED)
        {
            return null;
        }
        return ProblemType.BOX_ENTERED_OTHERWISE.problem("stand " + stand + "'s box is entered as typed ballots (" +
            view.typed() + " counted), so it takes no tally sheet as well").with(ENTERED_AS, "typed-ballots")
            .toException();
    }

    /** The 409 for a record the core refused because its stand's box was entered the other way. */
    public static ProblemException boxEnteredOtherwise(final PaperView paper, final String stand)
    {
        final ProblemException sheets = boxEnteredAsSheets(paper, stand);
        if (sheets != null)
        {
            return sheets;
        }
        final ProblemException typed = boxEnteredAsTyped(paper, stand);
        return typed != null ? typed : ProblemType.BOX_ENTERED_OTHERWISE.exception("stand " + stand +
            "'s box is entered the other way");
    }
}
