package org.urne.tally.core;

import org.urne.tally.domain.Key128;

/**
 * The status of one receipt.
 *
 * @param receipt  the receipt looked up.
 * @param position the journal position of the ballot the receipt was first given for.
 * @param status   where that ballot stands now.
 * @param reason   why it was rejected, or null.
 */
public record ReceiptLookup(Key128 receipt, long position, ReceiptStatus status, RejectReason reason)
{
}
