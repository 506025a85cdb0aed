/**
 * The one black-box harness of {@code urne bench} and the fault tests: it plans ballots, sends them over HTTP to one
 * server or several, and knows what the server must count.
 *
 * <ul>
 *   <li>{@link org.urne.cli.harness.BallotPlanner}: a seeded stream of {@link org.urne.cli.harness.PlannedBallot}s
 *       over the three poll kinds, with revotes, withdrawals, retries and paper, each knowing what it counts in;</li>
 *   <li>{@link org.urne.cli.harness.UrneClient}: a blocking client over a list of base URLs, any of which may be
 *       down; no answer is "unanswered", and {@code submit} retries the same {@code ballotId} on the next URL;</li>
 *   <li>{@link org.urne.cli.harness.BallotModel}: from every outcome (202, refused, unanswered) the counts per
 *       item, cell and channel the server must publish: every 202 counted exactly once, every unanswered request at
 *       most once (its receipt says which); and what each receipt must say;</li>
 *   <li>{@link org.urne.cli.harness.PollShape} and {@link org.urne.cli.harness.PollCounts}: one layout for the
 *       model's counts, the server's results JSON and a replayed core's results, so comparing is a loop;
 *       {@link org.urne.cli.harness.ResultsCheck} compares the results a run added with the model, and
 *       {@link org.urne.cli.harness.JournalReplay} replays a journal into a fresh {@code TallyCore} (state hash,
 *       counts, where each ballot is journaled) to compare with the model.</li>
 * </ul>
 *
 * <p>Main code, not test code, because {@code urne bench} ships in the distribution and plans and checks its runs
 * with it; the fault tests (and the cluster tests) use the same classes from the test classpath.
 *
 * <p>Why the tally module's {@code NaiveTallyModel} stays where it is: it is the reference the core's property
 * test ({@code TallyCorePropertyTest}) checks {@code TallyCore} against, over journals no HTTP client can produce
 * (reused ids with other content, stale and out-of-window ballots, first-vote polls, tally sheets), and it works on
 * domain records with keyed voters; the harness's model works from what a client sees (planned ballots and their
 * answers) and covers the subset of the same rules a client exercises (revote: replace by {@code castAt},
 * withdrawal, a retry counted once, an opinion counted per voter and proposal). Rather than a second copy of the
 * rules checked by nothing, the harness's model is checked against the core itself: the fault suite compares it
 * with a {@link org.urne.cli.harness.JournalReplay} of the server's journal after every restart, and the core is
 * checked against the naive model by the property test.
 */
package org.urne.cli.harness;
