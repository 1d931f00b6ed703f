package io.crossbar.sbe;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.agrona.sbe.MessageDecoderFlyweight;

/**
 * Checks the standard 8-byte SBE message header in front of a message before it is handed to a
 * generated decoder.
 *
 * <p>All Crossbar schemas share the same little-endian header layout (common-types.xml):
 * {@code blockLength u16 | templateId u16 | schemaId u16 | version u16}. The checks return a
 * result code instead of throwing, so a gateway or a feed handler can count, log and answer
 * (BusinessReject, Terminate) without allocating on the hot path.
 *
 * <p>SBE's compatibility rule is that a decoder reads a message of any version of its schema by
 * wrapping it with the <em>acting</em> block length and version from the header: fields it does
 * not know are skipped, fields the sender did not know read as their null value. Whether a
 * receiver also <em>admits</em> versions newer than its own is a policy: the order-entry gateway
 * refuses them (a client must not rely on a field the gateway ignores), a market-data consumer
 * accepts them. {@link #checkSchema} expresses that policy with a version range;
 * {@link #check} checks that a message can be decoded by a given decoder at all.
 */
public final class SbeHeaders
{
    /** Length of the message header in bytes. */
    public static final int HEADER_LENGTH = 8;

    /** The message may be decoded. */
    public static final int OK = 0;
    /** Fewer bytes than the header, or than the header plus the block it announces. */
    public static final int TRUNCATED = 1;
    /** The header names another schema. */
    public static final int WRONG_SCHEMA = 2;
    /** The version is outside the range the receiver admits. */
    public static final int UNSUPPORTED_VERSION = 3;
    /** The header names another message of the schema than the decoder's. */
    public static final int WRONG_TEMPLATE = 4;
    /**
     * A writer of the decoder's version or newer announced a block shorter than the decoder's:
     * fields are only ever appended, so such a message is malformed.
     */
    public static final int BLOCK_TOO_SHORT = 5;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private SbeHeaders()
    {
    }

    /** The header's blockLength: the acting block length of the message. */
    public static int blockLength(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset, ORDER) & 0xFFFF;
    }

    /** The header's templateId. */
    public static int templateId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + 2, ORDER) & 0xFFFF;
    }

    /** The header's schemaId. */
    public static int schemaId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + 4, ORDER) & 0xFFFF;
    }

    /** The header's version: the acting version of the message. */
    public static int version(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + 6, ORDER) & 0xFFFF;
    }

    /**
     * Checks the header at {@code offset} against a schema and the range of versions the receiver
     * admits.
     *
     * @param buffer     holds the message.
     * @param offset     of the header in the buffer.
     * @param length     bytes available from {@code offset}.
     * @param schemaId   the schema the receiver speaks.
     * @param minVersion the oldest version the receiver admits.
     * @param maxVersion the newest version the receiver admits.
     * @return {@link #OK}, {@link #TRUNCATED}, {@link #WRONG_SCHEMA} or {@link #UNSUPPORTED_VERSION}.
     */
    public static int checkSchema(
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final int schemaId,
        final int minVersion,
        final int maxVersion)
    {
        if (length < HEADER_LENGTH)
        {
            return TRUNCATED;
        }
        if (schemaId(buffer, offset) != schemaId)
        {
            return WRONG_SCHEMA;
        }
        final int version = version(buffer, offset);
        if (version < minVersion || version > maxVersion)
        {
            return UNSUPPORTED_VERSION;
        }
        if (length < HEADER_LENGTH + blockLength(buffer, offset))
        {
            return TRUNCATED;
        }

        return OK;
    }

    /**
     * Checks that the message at {@code offset} can be decoded by {@code decoder}: same schema,
     * same template, any version (SBE's rule), and a block long enough for the version it
     * claims. On {@link #OK}, wrap the decoder with
     * {@code decoder.wrap(buffer, offset + HEADER_LENGTH, blockLength(buffer, offset), version(buffer, offset))}.
     *
     * @param buffer  holds the message.
     * @param offset  of the header in the buffer.
     * @param length  bytes available from {@code offset}.
     * @param decoder any instance of the generated decoder of the expected message.
     * @return {@link #OK}, {@link #TRUNCATED}, {@link #WRONG_SCHEMA}, {@link #WRONG_TEMPLATE} or
     * {@link #BLOCK_TOO_SHORT}.
     */
    public static int check(
        final DirectBuffer buffer, final int offset, final int length, final MessageDecoderFlyweight decoder)
    {
        final int result = checkSchema(buffer, offset, length, decoder.sbeSchemaId(), 0, 0xFFFF);
        if (result != OK)
        {
            return result;
        }
        if (templateId(buffer, offset) != decoder.sbeTemplateId())
        {
            return WRONG_TEMPLATE;
        }
        if (version(buffer, offset) >= decoder.sbeSchemaVersion() &&
            blockLength(buffer, offset) < decoder.sbeBlockLength())
        {
            return BLOCK_TOO_SHORT;
        }

        return OK;
    }

    /** A short name for a result code, for logs and reject texts. */
    public static String describe(final int result)
    {
        return switch (result)
        {
            case OK -> "OK";
            case TRUNCATED -> "TRUNCATED";
            case WRONG_SCHEMA -> "WRONG_SCHEMA";
            case UNSUPPORTED_VERSION -> "UNSUPPORTED_VERSION";
            case WRONG_TEMPLATE -> "WRONG_TEMPLATE";
            case BLOCK_TOO_SHORT -> "BLOCK_TOO_SHORT";
            default -> "UNKNOWN(" + result + ")";
        };
    }
}
