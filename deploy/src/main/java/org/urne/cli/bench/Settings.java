package org.urne.cli.bench;

/**
 * A run's parameters: the profile's defaults under the options given.
 *
 * @param rate           requests per second (where a step-up starts).
 * @param seconds        the longest a measured phase runs.
 * @param ballots        the most ballots in a measured phase.
 * @param voters         distinct voters.
 * @param revote         share of ballots from voters who already voted.
 * @param retry          share of ballots sent twice.
 * @param paper          share of paper ballots.
 * @param readers        results reads per ballot request.
 * @param ceiling        whether the raw ceiling is loaded too.
 * @param p99LimitMillis the p99 a step-up step may reach.
 * @param stepSeconds    a step-up step's length.
 * @param stepFactor     a step's rate over the previous one's.
 * @param maxSteps       the most steps.
 */
record Settings(double rate, double seconds, long ballots, int voters, double revote, double retry, double paper,
    double readers, boolean ceiling, double p99LimitMillis, double stepSeconds, double stepFactor, int maxSteps)
{
}
