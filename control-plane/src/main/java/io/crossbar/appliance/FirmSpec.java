package io.crossbar.appliance;

import java.util.HexFormat;

/**
 * A firm that may trade: its access key and the secret its sessions sign with, and the accounts
 * it owns. A session acts only for its firm's accounts.
 *
 * @param id          firm id, as in Negotiate.
 * @param name        for people.
 * @param accessKeyId at most 20 ASCII characters.
 * @param secret      the HMAC-SHA256 key.
 * @param accounts    the card accounts the firm owns.
 */
public record FirmSpec(long id, String name, String accessKeyId, byte[] secret, int[] accounts)
{
    public FirmSpec
    {
        if (accessKeyId.isEmpty() || accessKeyId.length() > 20)
        {
            throw new IllegalArgumentException("firm " + name + ": access key ids have 1-20 characters");
        }
        if (secret.length < 16)
        {
            throw new IllegalArgumentException("firm " + name + ": the secret must have at least 16 bytes");
        }
    }

    public boolean owns(final int account)
    {
        for (final int owned : accounts)
        {
            if (owned == account)
            {
                return true;
            }
        }
        return false;
    }

    public String secretHex()
    {
        return HexFormat.of().formatHex(secret);
    }
}
