package org.urne.tally.core;

/**
 * Items in result order with their ranks: {@code order[k]} is the index (in definition order) of the k-th item
 * listed, and {@code rank[i]} the rank of item index i. Equal items share a rank (1, 2, 2, 4).
 */
public record Ranking(int[] order, int[] rank)
{
}
