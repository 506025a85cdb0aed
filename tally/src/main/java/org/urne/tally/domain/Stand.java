package org.urne.tally.domain;

/**
 * A place where paper ballots are collected (a stand in a neighbourhood, at a market, with a partner association),
 * as a poll's definition declares it. Once a poll declares its stands, typed paper ballots and tally sheets name one
 * of them by id.
 *
 * @param id            1-64 characters of {@code [A-Za-z0-9_-]}.
 * @param name          what agents and the results page call it.
 * @param neighbourhood where it stands, or null.
 */
public record Stand(String id, String name, String neighbourhood)
{
    public static final int MAX_NAME_LENGTH = 200;
}
