package org.urne.cli.bench;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The named workloads of {@code urne bench --profile}. Each sets defaults the options override: the rate, how many
 * ballots, how long at most, the voter population and its habits, and which polls.
 *
 * @param rate       requests per second (the starting rate of a step-up).
 * @param ballots    the ballots to send (retries come on top).
 * @param seconds    the longest the measured phase may run.
 * @param population distinct voters.
 * @param revote     share of ballots from a voter who already voted.
 * @param retry      share of ballots the platform sends twice.
 * @param paper      share of ballots on paper (operator token).
 * @param readers    results readers per ballot request, 0 for none.
 * @param polls      the polls to vote in; empty for every open poll.
 * @param ceiling    whether the raw HTTP + JSON ceiling runs too unless told otherwise.
 */
record Profile(String name, String about, double rate, long ballots, double seconds, int population, double revote,
    double retry, double paper, double readers, List<String> polls, boolean ceiling)
{
    static final String VOTATION = "clermont-2022-votation";
    /** Clermont-Ferrand, 1-19 June 2022: 9,944 digital and 3,050 paper votes. */
    static final long CLERMONT_DIGITAL = 9_944;
    static final long CLERMONT_PAPER = 3_050;
    static final double CLERMONT_DAYS = 19;
    /** Adults in France (INSEE, 2024), rounded: every one of them voting. */
    static final long FRANCE_ADULTS = 54_000_000;

    static final List<Profile> ALL = List.of(
        new Profile("ci", "10 s at a modest rate, every poll kind: prints numbers, fails only on a wrong count or an "
            + "error", 1_000, Long.MAX_VALUE, 10, 5_000, 0.10, 0.05, 0.2, 0, List.of(), false),
        new Profile("clermont-2022", "the votation's real volume, 9,944 digital + 3,050 paper ballots over 19 days, "
            + "replayed at --rate", 2_000, CLERMONT_DIGITAL + CLERMONT_PAPER, 120,
            (int)(CLERMONT_DIGITAL + CLERMONT_PAPER), 0, 0.02,
            (double)CLERMONT_PAPER / (CLERMONT_DIGITAL + CLERMONT_PAPER), 0, List.of(VOTATION), true),
        new Profile("paris", "a Paris-sized votation: 200,000 voters on the three polls, 5% revotes, 2% retries, "
            + "10% paper", 2_000, 210_000, 150, 200_000, 0.05, 0.02, 0.1, 0, List.of(), true),
        new Profile("france-hour", "every adult in France (54 M ballots): a bounded sample at the sustainable rate "
            + "(found by a step-up unless --rate), and the projected time for 54 M", 250, Long.MAX_VALUE, 20,
            Integer.MAX_VALUE, 0.03, 0.01, 0.1, 0, List.of(), false),
        new Profile("find-max", "steps the rate up until p99 crosses --p99-limit-ms, for Urne and the raw ceiling; "
            + "then Urne at half the ceiling for --duration, without and with --readers", 250, Long.MAX_VALUE, 10,
            Integer.MAX_VALUE, 0.05, 0.02, 0.1, 10, List.of(), true));

    static Profile named(final String name)
    {
        return ALL.stream().filter(profile -> profile.name.equals(name)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no profile " + name + "; the profiles are " + names()));
    }

    static String names()
    {
        return ALL.stream().map(Profile::name).collect(Collectors.joining(", "));
    }
}
