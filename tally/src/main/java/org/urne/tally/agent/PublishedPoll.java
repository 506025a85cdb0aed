package org.urne.tally.agent;

import java.util.function.Supplier;

import org.urne.tally.core.PaperView;
import org.urne.tally.core.PollResults;

/**
 * One poll's results as readers get them: the counts, and the bytes to send rendered once per snapshot, so a crowd
 * refreshing the results page costs one rendering per publication (two when two readers race for the first).
 *
 * <p>Each rendering is made on its first read, by the reading thread, not by the tally agent when it publishes: the
 * agent runs on the journal writer's thread, where every ballot waits for it, and most renderings of most
 * snapshots are never read (the CSV, the per-stand views, the embargoed JSON). Two readers may render the same bytes
 * at once; both get equal bytes, since a rendering depends only on what this holds, which never changes.
 */
public final class PublishedPoll
{
    private final PollResults results;
    private final byte[] receiptsSha256;
    private final Rendering json;
    private final Rendering csv;
    private final Rendering withheldJson;
    /** Null in a snapshot taken before the poll's paper channel was first published, as the two below. */
    private final Rendering byStandJson;
    private final Rendering byStandCsv;

    /** Bytes rendered on the first read and kept; a race renders them twice, equal both times. */
    private static final class Rendering
    {
        private final Supplier<byte[]> render;
        private volatile byte[] bytes;

        Rendering(final Supplier<byte[]> render)
        {
            this.render = render;
        }

        byte[] bytes()
        {
            byte[] rendered = bytes;
            if (rendered == null)
            {
                rendered = render.get();
                bytes = rendered;
            }
            return rendered;
        }
    }

    /**
     * @param results         the counts.
     * @param updatedAtMicros the time of the last record the counts include, as the JSON states it.
     * @param sealed          whether the poll is sealed, as the JSON states it.
     * @param receiptsSha256  for a closed poll not sealed yet, the SHA-256 of its counted receipts list, which a seal
     *                        taken from this snapshot names (with the SHA-256 of {@link #csv()}); null otherwise.
     * @param paper           the paper channel per stand, or null in a snapshot taken before the poll's paper
     *                        channel was first published.
     */
    public PublishedPoll(final PollResults results, final long updatedAtMicros, final boolean sealed,
        final byte[] receiptsSha256, final PaperView paper)
    {
        this.results = results;
        this.receiptsSha256 = receiptsSha256;
        this.json = new Rendering(() -> ResultsRenderer.json(results, updatedAtMicros, sealed));
        this.csv = new Rendering(() -> ResultsRenderer.csv(results));
        this.withheldJson = new Rendering(() -> ResultsRenderer.withheldJson(results, updatedAtMicros));
        this.byStandJson = paper == null ? null :
            new Rendering(() -> ResultsRenderer.json(results, updatedAtMicros, sealed, paper));
        this.byStandCsv = paper == null ? null : new Rendering(() -> StandsRenderer.csv(results.definition(), paper));
    }

    public String pollId()
    {
        return results.definition().id();
    }

    public PollResults results()
    {
        return results;
    }

    /** For a closed poll not sealed yet, the SHA-256 of its counted receipts list; null otherwise. */
    public byte[] receiptsSha256()
    {
        return receiptsSha256;
    }

    /** The results JSON with every count. */
    public byte[] json()
    {
        return json.bytes();
    }

    /** The results CSV. */
    public byte[] csv()
    {
        return csv.bytes();
    }

    /** The results JSON the public gets while the counts are embargoed: turnout, no count. */
    public byte[] withheldJson()
    {
        return withheldJson.bytes();
    }

    /**
     * The results JSON with the paper channel per stand ({@code "stands": []} when it has none), or null in a
     * snapshot taken before the poll's paper channel was first published.
     */
    public byte[] byStandJson()
    {
        return byStandJson == null ? null : byStandJson.bytes();
    }

    /** The CSV per stand, or null likewise. */
    public byte[] byStandCsv()
    {
        return byStandCsv == null ? null : byStandCsv.bytes();
    }
}
