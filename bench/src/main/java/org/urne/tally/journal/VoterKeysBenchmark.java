package org.urne.tally.journal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.urne.tally.bench.ForkFlags;
import org.urne.tally.domain.Key128;

/**
 * What keying one ballot costs on the event loop: its voter key and its ballot key ({@link VoterKeys}, two
 * HMAC-SHA256), for ids shaped as a platform sends them. Nanoseconds per ballot.
 *
 * <p>Check: after each iteration, the last ballot's two keys are recomputed with a plain JDK {@link Mac}, field by
 * field as VoterKeys documents them, and must match.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class VoterKeysBenchmark extends ForkFlags
{
    private static final byte[] SECRET = "a secret of at least thirty-two bytes".getBytes(StandardCharsets.US_ASCII);
    private static final String POLL = "clermont-2022-priority";
    private static final int IDS = 1024;

    private final VoterKeys keys = new VoterKeys(SECRET);
    private final String[] voters = new String[IDS];
    private final String[] ballots = new String[IDS];
    private int next;
    private Key128 lastVoter;
    private Key128 lastBallot;
    private int lastIndex;

    @Setup(Level.Trial)
    public void generateIds()
    {
        for (int i = 0; i < IDS; i++)
        {
            voters[i] = "voter-" + (1_000_000 + i * 7919);
            ballots[i] = "b-" + Long.toHexString(0x5DEECE66DL * (i + 1));
        }
    }

    @Benchmark
    public Key128 keyBallot()
    {
        final int i = next++ & (IDS - 1);
        lastIndex = i;
        lastVoter = keys.voterKey(POLL, voters[i]);
        lastBallot = keys.ballotKey(POLL, ballots[i]);
        return lastBallot;
    }

    @TearDown(Level.Iteration)
    public void check() throws GeneralSecurityException
    {
        final String voter = reference(POLL, voters[lastIndex]);
        final String ballot = reference("ballot", POLL, ballots[lastIndex]);
        if (!lastVoter.toHex().equals(voter) || !lastBallot.toHex().equals(ballot))
        {
            throw new IllegalStateException("keys " + lastVoter.toHex() + "/" + lastBallot.toHex() +
                " differ from the reference " + voter + "/" + ballot);
        }
    }

    private static String reference(final String... fields) throws GeneralSecurityException
    {
        final Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        for (final String field : fields)
        {
            final byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
            mac.update(new byte[] {(byte)(utf8.length >>> 24), (byte)(utf8.length >>> 16), (byte)(utf8.length >>> 8),
                (byte)utf8.length});
            mac.update(utf8);
        }
        return HexFormat.of().formatHex(mac.doFinal(), 0, 16);
    }
}
