package org.urne.tally.assembly;

import java.util.List;

/**
 * A coloured card of a consent round.
 *
 * @param id      1-64 characters of {@code [A-Za-z0-9_-]} ({@code green}, {@code red}, ...).
 * @param meaning what raising it says, shown on the phones and the projector.
 */
public record Card(String id, String meaning)
{
    /** The cards of an assembly that configures none: consent, clarification, improvement, objection. */
    public static final List<Card> DEFAULTS = List.of(
        new Card("green", "I agree"),
        new Card("yellow", "I ask for a clarification"),
        new Card("orange", "I propose an improvement"),
        new Card("red", "I have an objection"));
    /** The card that says "I agree" when the assembly names none. */
    public static final String DEFAULT_CONSENT = "green";
    /** Who speaks first when the assembly says nothing: objections, then improvements, then clarifications. */
    public static final List<String> DEFAULT_SPEAKING_ORDER = List.of("red", "orange", "yellow");
}
