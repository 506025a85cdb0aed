package org.urne.ingest.parse;

import java.time.LocalDate;

/**
 * RFC 3339 times in the one shape voting platforms send, {@code 2022-06-03T10:15:02+02:00} (optionally with a
 * fraction of a second, or {@code Z}), read into microseconds since the epoch without the JDK's general parser,
 * which allocates a field map and its copies for every ballot's {@code castAt} (JFR: a twentieth of the server's
 * allocation under load). Anything else, valid or not, is left to the JDK, which decides: this reads a text only
 * when it is sure the JDK would accept it with the same value ({@code CommonTimesTest} checks it against the JDK).
 */
final class CommonTimes
{
    /** What {@link #micros} answers for a text it leaves to the JDK. */
    static final long NOT_COMMON = Long.MIN_VALUE;

    private static final int SHORTEST = "2022-06-03T10:15:02Z".length();

    private CommonTimes()
    {
    }

    /**
     * Microseconds since the epoch of {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|+HH:mm|-HH:mm)}, a valid date and time
     * with an offset below 18 hours; {@link #NOT_COMMON} for any other text.
     */
    static long micros(final String text)
    {
        final int length = text.length();
        if (length < SHORTEST || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T' ||
            text.charAt(13) != ':' || text.charAt(16) != ':')
        {
            return NOT_COMMON;
        }
        final int year = digits(text, 0, 4);
        final int month = digits(text, 5, 2);
        final int day = digits(text, 8, 2);
        final int hour = digits(text, 11, 2);
        final int minute = digits(text, 14, 2);
        final int second = digits(text, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month) || hour < 0 ||
            hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
        {
            return NOT_COMMON;
        }
        int at = 19;
        long nanos = 0;
        if (at < length && text.charAt(at) == '.')
        {
            final int first = ++at;
            while (at < length && at - first < 10 && isDigit(text.charAt(at)))
            {
                nanos = nanos * 10 + text.charAt(at++) - '0';
            }
            final int count = at - first;
            if (count < 1 || count > 9)
            {
                return NOT_COMMON;
            }
            for (int i = count; i < 9; i++)
            {
                nanos *= 10;
            }
        }
        final int offsetSeconds = offsetSeconds(text, at);
        if (offsetSeconds == Integer.MIN_VALUE)
        {
            return NOT_COMMON;
        }
        final long epochSecond = LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3_600L +
            minute * 60L + second - offsetSeconds;
        return epochSecond * 1_000_000L + nanos / 1_000L;
    }

    /** The offset that ends the text at {@code at} in seconds, or {@code Integer.MIN_VALUE}. */
    private static int offsetSeconds(final String text, final int at)
    {
        final int length = text.length();
        if (at == length - 1 && text.charAt(at) == 'Z')
        {
            return 0;
        }
        if (at != length - 6 || text.charAt(at + 3) != ':')
        {
            return Integer.MIN_VALUE;
        }
        final char sign = text.charAt(at);
        final int hours = digits(text, at + 1, 2);
        final int minutes = digits(text, at + 4, 2);
        if (sign != '+' && sign != '-' || hours < 0 || hours > 17 || minutes < 0 || minutes > 59)
        {
            return Integer.MIN_VALUE;
        }
        final int seconds = hours * 3_600 + minutes * 60;
        return sign == '+' ? seconds : -seconds;
    }

    /** The number written by {@code count} ASCII digits at {@code at}, or -1 when one of them is not a digit. */
    private static int digits(final String text, final int at, final int count)
    {
        int value = 0;
        for (int i = at; i < at + count; i++)
        {
            final char c = text.charAt(i);
            if (!isDigit(c))
            {
                return -1;
            }
            value = value * 10 + c - '0';
        }
        return value;
    }

    private static boolean isDigit(final char c)
    {
        return c >= '0' && c <= '9';
    }

    private static int lengthOfMonth(final int year, final int month)
    {
        return switch (month)
        {
            case 2 -> year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }
}
