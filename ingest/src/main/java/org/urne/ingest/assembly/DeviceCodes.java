package org.urne.ingest.assembly;

import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.urne.ingest.config.UrneConfig;
import org.urne.ingest.security.ClientRateLimiter;
import org.urne.tally.domain.Key128;
import org.urne.tally.journal.VoterKeys;

/**
 * Members' device codes, as every event loop shares them: new codes (80 random bits, printed on a member's card),
 * their keys (what the journal holds instead of the code), the limit on wrong codes per client, and which phone is
 * the current one of each member (the newer wins; the older is told).
 */
public final class DeviceCodes
{
    /** 80 bits: 16 characters of 5 bits, read and typed from a printed card. */
    static final int CODE_CHARACTERS = 16;
    /** Crockford's base 32: no I, L, O or U, nothing to misread on a card. */
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    /** Wrong codes a client may try at once, then one every six seconds: 2^80 codes are out of reach. */
    private static final int FAILURE_BURST = 10;
    private static final double FAILURES_PER_SECOND = 1.0 / 6;
    private static final int MAX_CLIENTS = 100_000;

    private final VoterKeys keys;
    private final SecureRandom random = new SecureRandom();
    private final ClientRateLimiter failures;
    private final ConcurrentHashMap<String, Long> currentPhones = new ConcurrentHashMap<>();
    private final AtomicLong phones = new AtomicLong();
    /** Keys of codes that authenticated once: bounded by the members, and still taken from a client told to wait. */
    private final Set<Key128> used = ConcurrentHashMap.newKeySet();

    public DeviceCodes(final VoterKeys keys, final List<String> trustedProxies, final LongSupplier nanoClock)
    {
        this.keys = keys;
        this.failures = new ClientRateLimiter(new UrneConfig.PublicReads(FAILURES_PER_SECOND, FAILURE_BURST,
            MAX_CLIENTS, trustedProxies), nanoClock);
    }

    /**
     * A new code: four groups of four characters joined by dashes; the dashes and the case do not matter when it
     * is presented.
     */
    public String newCode()
    {
        final StringBuilder code = new StringBuilder(CODE_CHARACTERS + 3);
        for (int i = 0; i < CODE_CHARACTERS; i++)
        {
            if (i > 0 && i % 4 == 0)
            {
                code.append('-');
            }
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** The key of a code presented for an assembly, or null when it cannot be a code (so no key is computed). */
    public Key128 key(final String assemblyId, final String presented)
    {
        final String code = normalise(presented);
        return code == null ? null : keys.voterKey("device:" + assemblyId, code);
    }

    /** The code in its printed form, upper case with dashes, or null when it is not 16 characters of the alphabet. */
    static String normalise(final String presented)
    {
        final StringBuilder code = new StringBuilder(CODE_CHARACTERS + 3);
        for (int i = 0; i < presented.length() && code.length() <= CODE_CHARACTERS + 3; i++)
        {
            final char c = Character.toUpperCase(presented.charAt(i));
            if (c == '-' || c == ' ')
            {
                continue;
            }
            if (ALPHABET.indexOf(c) < 0)
            {
                return null;
            }
            if (code.length() % 5 == 4)
            {
                code.append('-');
            }
            code.append(c);
        }
        return code.length() == CODE_CHARACTERS + 3 ? code.toString() : null;
    }

    /**
     * 0 when {@code client} may try the code whose key is {@code key} now, else the seconds to wait: it tried too many
     * wrong ones. A code that authenticated before is always taken: the phones of a room share one address, and one
     * phone's typing mistakes must not lock the others out.
     */
    public int waitSeconds(final String client, final Key128 key)
    {
        return key != null && used.contains(key) ? 0 : failures.waitSeconds(client);
    }

    /** Notes that the code whose key is {@code key} authenticated. */
    public void succeeded(final Key128 key)
    {
        used.add(key);
    }

    /** Counts a wrong code from {@code client}. */
    public void failed(final String client)
    {
        failures.charge(client);
    }

    /** A phone of {@code member} connects: it becomes the member's current one, and its number is returned. */
    public long connect(final String assemblyId, final String member)
    {
        final long phone = phones.incrementAndGet();
        currentPhones.put(assemblyId + '\u0000' + member, phone);
        return phone;
    }

    /** As {@link #isCurrent(String, String, long)}, with the number as the phone sent it; false when not a number. */
    public boolean isCurrent(final String assemblyId, final String member, final String phone)
    {
        try
        {
            return isCurrent(assemblyId, member, Long.parseLong(phone));
        }
        catch (final NumberFormatException ex)
        {
            return false;
        }
    }

    /** True while {@code phone} is the member's latest: a newer phone with the same code replaced it otherwise. */
    public boolean isCurrent(final String assemblyId, final String member, final long phone)
    {
        final Long current = currentPhones.get(assemblyId + '\u0000' + member);
        return current != null && current == phone;
    }
}
