package org.urne.tally.journal;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM from the JDK, for one argument's text under its own key: the output is a random 12-byte nonce, then
 * the ciphertext and its 16-byte authentication tag. The key id is authenticated with it, so a ciphertext moved to
 * another record's key does not open.
 */
final class ArgumentCipher
{
    /** The length of a key, in bytes. */
    static final int KEY_LENGTH = 32;
    private static final int NONCE_LENGTH = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * One cipher per thread, initialised afresh for each text: {@code Cipher.getInstance} looks the provider up every
     * time, and was the largest part (a quarter) of what encrypting an argument cost the event loop (JFR).
     */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(ArgumentCipher::newCipher);

    private ArgumentCipher()
    {
    }

    private static Cipher newCipher()
    {
        try
        {
            return Cipher.getInstance("AES/GCM/NoPadding");
        }
        catch (final GeneralSecurityException e)
        {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** A new random key. */
    static byte[] newKey()
    {
        final byte[] key = new byte[KEY_LENGTH];
        RANDOM.nextBytes(key);
        return key;
    }

    static byte[] encrypt(final byte[] key, final byte[] keyId, final byte[] plaintext)
    {
        final byte[] nonce = new byte[NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        try
        {
            final Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(keyId);
            final byte[] sealed = cipher.doFinal(plaintext);
            final byte[] out = Arrays.copyOf(nonce, NONCE_LENGTH + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_LENGTH, sealed.length);
            return out;
        }
        catch (final GeneralSecurityException e)
        {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** The plaintext, or null when the ciphertext does not open under this key (damaged, or another key's). */
    static byte[] decrypt(final byte[] key, final byte[] keyId, final byte[] sealed)
    {
        if (sealed.length < NONCE_LENGTH + TAG_BITS / 8)
        {
            return null;
        }
        try
        {
            final Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_LENGTH));
            cipher.updateAAD(keyId);
            return cipher.doFinal(sealed, NONCE_LENGTH, sealed.length - NONCE_LENGTH);
        }
        catch (final AEADBadTagException e)
        {
            return null;
        }
        catch (final GeneralSecurityException e)
        {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }
}
