package io.crossbar.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures of the session requests, as docs/protocol.md defines them: the request's
 * fields as decimal ASCII (text fields as they are), joined with {@code '\n'}, signed with the
 * secret of the access key. Both the client and the gateway compute them with this class, so
 * the canonical text has one definition.
 * <p>
 * Negotiate: requestTimestamp, uuid, firmId, accessKeyId, responseStreamId, responseChannel.
 * Establish: the same, then nextSeqNum and keepAliveIntervalMs.
 * <p>
 * Used once per session set-up, off the order path; not thread-safe.
 */
public final class SessionSigner
{
    /** Length of a signature in bytes. */
    public static final int SIGNATURE_LENGTH = 32;

    private final Mac mac;

    public SessionSigner(final byte[] secret)
    {
        try
        {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", ex);
        }
    }

    public byte[] signNegotiate(
        final long requestTimestamp,
        final long uuid,
        final long firmId,
        final String accessKeyId,
        final int responseStreamId,
        final String responseChannel)
    {
        return sign(Long.toUnsignedString(requestTimestamp) + '\n' + Long.toUnsignedString(uuid) + '\n' + firmId +
            '\n' + accessKeyId + '\n' + responseStreamId + '\n' + responseChannel);
    }

    public byte[] signEstablish(
        final long requestTimestamp,
        final long uuid,
        final long firmId,
        final String accessKeyId,
        final int responseStreamId,
        final String responseChannel,
        final long nextSeqNum,
        final long keepAliveIntervalMs)
    {
        return sign(Long.toUnsignedString(requestTimestamp) + '\n' + Long.toUnsignedString(uuid) + '\n' + firmId +
            '\n' + accessKeyId + '\n' + responseStreamId + '\n' + responseChannel + '\n' +
            Long.toUnsignedString(nextSeqNum) + '\n' + keepAliveIntervalMs);
    }

    /** Constant-time comparison of a received signature with the expected one. */
    public static boolean matches(final byte[] expected, final byte[] received)
    {
        return MessageDigest.isEqual(expected, received);
    }

    private byte[] sign(final String text)
    {
        return mac.doFinal(text.getBytes(StandardCharsets.US_ASCII));
    }
}
