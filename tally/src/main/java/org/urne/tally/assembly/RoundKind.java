package org.urne.tally.assembly;

import java.util.List;

/** What a round asks of the members. The journal stores the ordinal: never reorder. */
public enum RoundKind
{
    /** One coloured card each on a version of an item's text; consent when every present member raised the consent card. */
    CONSENT("consent"),
    /** A grade for every option, secret, results hidden until the close, then majority judgment. */
    JUDGMENT("judgment"),
    /** "Stickers": up to {@code choose} options each, secret, hidden until the close, ranked by how many chose each. */
    APPROVAL("approval");

    /** The seven grades of a judgment round that names none, worst first. */
    public static final List<String> DEFAULT_GRADES = List.of(
        "À rejeter", "Insuffisant", "Passable", "Assez bien", "Bien", "Très bien", "Excellent");

    private final String wireName;

    RoundKind(final String wireName)
    {
        this.wireName = wireName;
    }

    public String wireName()
    {
        return wireName;
    }

    /** The kind with this wire name, or null. */
    public static RoundKind fromWire(final String name)
    {
        for (final RoundKind kind : values())
        {
            if (kind.wireName.equals(name))
            {
                return kind;
            }
        }
        return null;
    }

    /** True for the kinds whose ballots are secret and whose results are hidden until the close. */
    public boolean secret()
    {
        return this != CONSENT;
    }
}
