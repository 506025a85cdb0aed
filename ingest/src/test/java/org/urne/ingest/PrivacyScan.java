package org.urne.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The forms a raw voter id could leak in: the id itself (UTF-8 and UTF-16), and its unkeyed SHA-256 (hex either case,
 * base64, the raw 32 bytes and the 16-byte prefix a 128-bit key would keep), which anyone holding a list of voter
 * ids could reverse by hashing them all. Only the keyed HMAC may be stored.
 */
public final class PrivacyScan
{
    private PrivacyScan()
    {
    }

    /** The first form of one of {@code voters} found in {@code haystack}, described, or null when none is. */
    public static String firstLeak(final byte[] haystack, final List<String> voters)
    {
        for (final String voter : voters)
        {
            for (final Form form : forms(voter))
            {
                if (indexOf(haystack, form.bytes()) >= 0)
                {
                    return form.name() + " of " + voter;
                }
            }
        }
        return null;
    }

    private record Form(String name, byte[] bytes)
    {
    }

    private static List<Form> forms(final String voter)
    {
        final byte[] sha256 = sha256(voter.getBytes(StandardCharsets.UTF_8));
        final String hex = HexFormat.of().formatHex(sha256);
        final List<Form> forms = new ArrayList<>();
        forms.add(new Form("the raw id", voter.getBytes(StandardCharsets.UTF_8)));
        forms.add(new Form("the raw id in UTF-16", voter.getBytes(StandardCharsets.UTF_16BE)));
        forms.add(new Form("the SHA-256 in hex", ascii(hex)));
        forms.add(new Form("the SHA-256 in upper-case hex", ascii(hex.toUpperCase(Locale.ROOT))));
        forms.add(new Form("the SHA-256 in base64", ascii(Base64.getEncoder().encodeToString(sha256))));
        forms.add(new Form("the SHA-256's bytes", sha256));
        forms.add(new Form("the SHA-256's first 16 bytes", Arrays.copyOf(sha256, 16)));
        return forms;
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] sha256(final byte[] bytes)
    {
        try
        {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        }
        catch (final NoSuchAlgorithmException e)
        {
            throw new IllegalStateException(e);
        }
    }

    private static int indexOf(final byte[] haystack, final byte[] needle)
    {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++)
        {
            for (int k = 0; k < needle.length; k++)
            {
                if (haystack[i + k] != needle[k])
                {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
