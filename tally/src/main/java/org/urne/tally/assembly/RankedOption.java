package org.urne.tally.assembly;

import java.util.List;

/**
 * An option of a closed judgment or approval round, in result order.
 *
 * @param rank          1 + the number of options ranked strictly above (1, 2, 2, 4).
 * @param majorityGrade judgment: the lower median grade (an index into the round's scale), -1 when nobody graded;
 *                      approval: -1.
 * @param profile       judgment: how many members gave each grade, worst first; approval: empty.
 * @param approvals     approval: how many members chose the option; judgment: 0.
 */
public record RankedOption(int rank, String id, String title, int majorityGrade, List<Long> profile, long approvals)
{
    public RankedOption
    {
        profile = List.copyOf(profile);
    }
}
