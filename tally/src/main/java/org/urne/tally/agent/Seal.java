package org.urne.tally.agent;

import org.urne.tally.domain.Sha256;

/**
 * A poll's seal as the public sees it, with the bytes it vouches for: published by the tally agent once the core
 * accepted the seal record, immutable.
 *
 * @param position       the seal record's journal position.
 * @param chainHead      the seal record's own chain value (32 bytes), which covers every record before it and the
 *                       digests in it; zeros where the journal side did not say.
 * @param resultsSha256  SHA-256 of {@code resultsCsv}.
 * @param receiptsSha256 SHA-256 of {@code receipts}.
 * @param format         the canonical results CSV version.
 * @param sealedAtMicros the seal record's time.
 * @param by             the name of the token that sealed, or null.
 * @param resultsCsv     the canonical results CSV, UTF-8: what {@code results.csv} serves for the sealed poll.
 * @param receipts       the counted receipts list, UTF-8: what {@code GET .../receipts} serves.
 */
public record Seal(long position, byte[] chainHead, byte[] resultsSha256, byte[] receiptsSha256, int format,
    long sealedAtMicros, String by, byte[] resultsCsv, byte[] receipts)
{
    /** {@link #chainHead()} in lowercase hex. */
    public String chainHeadHex()
    {
        return Sha256.hex(chainHead);
    }
}
