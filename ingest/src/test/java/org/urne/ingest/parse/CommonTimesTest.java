package org.urne.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.urne.tally.domain.Times;

/**
 * The common-shape reader of {@code castAt} against the JDK's parser, which stays the authority: for times near the
 * shape (fields out of range, the 29th of February, fractions of 0 to 11 digits, offsets up to 19 hours, a character
 * changed anywhere), whenever it reads a text the JDK reads it to the same microsecond; and it does read the shapes
 * platforms send, or it would save nothing.
 */
class CommonTimesTest
{
    @Property(tries = 5_000)
    void readsOnlyWhatTheJdkReadsTheSame(@ForAll("nearlyCommon") final String text)
    {
        final long fast = CommonTimes.micros(text);
        if (fast == CommonTimes.NOT_COMMON)
        {
            return;
        }
        assertThat(fast).as(text).isEqualTo(jdk(text));
    }

    @Test
    void readsTheShapesPlatformsSend()
    {
        for (final String text : new String[] {"2022-06-03T10:15:02+02:00", "2022-06-03T08:15:02Z",
            "2022-06-03T08:15:02.123456Z", "2024-02-29T23:59:59.999999999-05:30", "1970-01-01T00:00:00Z"})
        {
            assertThat(CommonTimes.micros(text)).as(text).isNotEqualTo(CommonTimes.NOT_COMMON).isEqualTo(jdk(text));
        }
        assertThat(CommonTimes.micros("1970-01-01T00:00:01.5+00:00")).isEqualTo(1_500_000L);
    }

    @Test
    void leavesEverythingElseToTheJdk()
    {
        for (final String text : new String[] {"2022-06-03T10:15+02:00", "2022-06-03t10:15:02Z", "2022-06-03T10:15:02",
            "2022-06-03T10:15:02+0200", "2022-06-03T10:15:02+18:00", "2022-06-03T10:15:02.Z", "2023-02-29T10:15:02Z",
            "2022-06-03T24:00:00Z", "2022-06-03T10:15:60Z", "+2022-06-03T10:15:02Z", "2022-06-03T10:15:02.1234567890Z",
            "", "2022-06-03"})
        {
            assertThat(CommonTimes.micros(text)).as(text).isEqualTo(CommonTimes.NOT_COMMON);
        }
    }

    @Provide
    Arbitrary<String> nearlyCommon()
    {
        final Arbitrary<String> date = Combinators.combine(Arbitraries.integers().between(0, 9999),
            Arbitraries.integers().between(0, 13), Arbitraries.integers().between(0, 32))
            .as((y, m, d) -> String.format("%04d-%02d-%02d", y, m, d));
        final Arbitrary<String> time = Combinators.combine(Arbitraries.integers().between(0, 25),
            Arbitraries.integers().between(0, 61), Arbitraries.integers().between(0, 61))
            .as((h, m, s) -> String.format("T%02d:%02d:%02d", h, m, s));
        final Arbitrary<String> fraction = Arbitraries.oneOf(Arbitraries.just(""),
            Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(11).map(digits -> "." + digits));
        final Arbitrary<String> offset = Arbitraries.oneOf(Arbitraries.of("Z", "z", "", "+02", "+0200"),
            Combinators.combine(Arbitraries.of('+', '-'), Arbitraries.integers().between(0, 19),
                Arbitraries.integers().between(0, 61)).as((sign, h, m) -> String.format("%c%02d:%02d", sign, h, m)));
        final Arbitrary<String> whole = Combinators.combine(date, time, fraction, offset).as((d, t, f, o) -> d + t + f + o);
        return Arbitraries.oneOf(whole, Combinators.combine(whole, Arbitraries.integers().between(0, 40),
            Arbitraries.chars().ascii()).as(CommonTimesTest::changeOne));
    }

    private static String changeOne(final String text, final int at, final char c)
    {
        if (text.isEmpty())
        {
            return text;
        }
        final int index = at % text.length();
        return text.substring(0, index) + c + text.substring(index + 1);
    }

    /** What the JDK reads, as {@code BallotParser} asks it; fails the test when the JDK refuses the text. */
    private static long jdk(final String text)
    {
        try
        {
            return Times.toMicros(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        }
        catch (final DateTimeParseException e)
        {
            throw new AssertionError("the JDK refuses " + text + " that was read as common", e);
        }
    }
}
