package org.urne.tally.agent;

import org.urne.tally.core.PaperView;
import org.urne.tally.core.PollResults;

/**
 * One poll's results as readers get them: the counts, and the bytes to send rendered at most once per snapshot, so
 * a crowd refreshing the results page costs one rendering per publication.
 *
 * <p>Each rendering is made on its first read, by the reading thread, not by the tally agent when it publishes: the
 * agent runs on the journal writer's thread, where every ballot waits for it, and most renderings of most
 * snapshots are never read (the CSV, the per-stand views, the embargoed JSON). Two readers may render the same bytes
 * at once; both get equal bytes, since a rendering depends only on what this holds, which never changes.
 */
public final class PublishedPoll
{
    private final PollResults results;
    private final long updatedAtMicros;
    private final boolean sealed;
    private final byte[] receiptsSha256;
    private final PaperView paper;
    private volatile byte[] json;
    private volatile byte[] csv;
    private volatile byte[] withheldJson;
    private volatile byte[] byStandJson;
    private volatile byte[] byStandCsv;

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
        this.updatedAtMicros = updatedAtMicros;
        this.sealed = sealed;
        this.receiptsSha256 = receiptsSha256;
        this.paper = paper;
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
        byte[] bytes = json;
        if (bytes == null)
        {
            bytes = ResultsRenderer.json(results, updatedAtMicros, sealed);
            json = bytes;
        }
        return bytes;
    }

    /** The results CSV. */
    public byte[] csv()
    {
        byte[] bytes = csv;
        if (bytes == null)
        {
            bytes = ResultsRenderer.csv(results);
            csv = bytes;
        }
        return bytes;
    }

    /** The results JSON the public gets while the counts are embargoed: turnout, no count. */
    public byte[] withheldJson()
    {
        byte[] bytes = withheldJson;
        if (bytes == null)
        {
            bytes = ResultsRenderer.withheldJson(results, updatedAtMicros);
            withheldJson = bytes;
        }
        return bytes;
    }

    /**
     * The results JSON with the paper channel per stand ({@code "stands": []} when it has none), or null in a
     * snapshot taken before the poll's paper channel was first published.
     */
    public byte[] byStandJson()
    {
        byte[] bytes = byStandJson;
        if (bytes == null && paper != null)
        {
            bytes = ResultsRenderer.json(results, updatedAtMicros, sealed, paper);
            byStandJson = bytes;
        }
        return bytes;
    }

    /** The CSV per stand, or null likewise. */
    public byte[] byStandCsv()
    {
        byte[] bytes = byStandCsv;
        if (bytes == null && paper != null)
        {
            bytes = StandsRenderer.csv(results.definition(), paper);
            byStandCsv = bytes;
        }
        return bytes;
    }
}
