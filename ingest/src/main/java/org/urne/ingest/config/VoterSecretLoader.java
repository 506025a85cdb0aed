package org.urne.ingest.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Reads the voter key secret from {@code security.voterSecretFile} or the {@code URNE_VOTER_SECRET} variable. Refuses
 * a secret file inside the journal directory: whoever copies a journal for an audit must not get the key that
 * links it back to voter ids. The secret's bytes never reach a log or an exception message.
 */
public final class VoterSecretLoader
{
    public static final String ENV = "URNE_VOTER_SECRET";

    private VoterSecretLoader()
    {
    }

    /** The secret, or null when none is configured. */
    public static byte[] load(final UrneConfig config, final Map<String, String> env) throws IOException
    {
        final String file = config.security().voterSecretFile();
        if (file != null)
        {
            final Path secretPath = Path.of(file).toAbsolutePath().normalize();
            final Path journalPath = Path.of(config.journal().dir()).toAbsolutePath().normalize();
            if (isInside(secretPath, journalPath))
            {
                throw new IllegalStateException("the voter secret file " + secretPath +
                    " is inside the journal directory " + journalPath + "; move it out: a journal copy must not " +
                    "carry the key to its voter ids");
            }
            final byte[] bytes = Files.readAllBytes(secretPath);
            return trimTrailingNewlines(bytes);
        }
        final String value = env.get(ENV);
        return value == null || value.isEmpty() ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isInside(final Path file, final Path directory) throws IOException
    {
        if (file.startsWith(directory))
        {
            return true;
        }
        if (Files.exists(file) && Files.exists(directory))
        {
            return file.toRealPath().startsWith(directory.toRealPath());
        }
        return false;
    }

    /** A secret file written with {@code echo} ends with a newline that is not part of the secret. */
    private static byte[] trimTrailingNewlines(final byte[] bytes)
    {
        int length = bytes.length;
        while (length > 0 && (bytes[length - 1] == '\n' || bytes[length - 1] == '\r'))
        {
            length--;
        }
        return Arrays.copyOf(bytes, length);
    }
}
