package io.crossbar.sbe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Method;
import java.nio.ByteOrder;
import java.util.Iterator;
import java.util.List;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.sbe.CompositeDecoderFlyweight;
import org.agrona.sbe.MessageDecoderFlyweight;
import org.agrona.sbe.MessageEncoderFlyweight;

/**
 * Encodes one message into a zeroed buffer and decodes it again, the way a gateway or feed
 * handler does: header first, then the decoder wrapped with the acting block length and version
 * from the header. Device records have no header (the ring fixes schema and block) and are
 * written at offset 0, as in a ring slot.
 *
 * <p>After a round trip, {@link #verify} checks by reflection, against the schema XML, that every
 * field, group entry and var-length field of the message decodes to a non-zero, non-null value.
 * Fields are zero until written, so a field a round-trip case forgot to set fails the test.
 */
final class CodecHarness
{
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8192]);
    private final boolean withHeader;
    private MessageEncoderFlyweight encoder;

    CodecHarness(final boolean withHeader)
    {
        this.withHeader = withHeader;
        buffer.setMemory(0, buffer.capacity(), (byte)0);
    }

    UnsafeBuffer buffer()
    {
        return buffer;
    }

    private int bodyOffset()
    {
        return withHeader ? SbeHeaders.HEADER_LENGTH : 0;
    }

    /** Writes the message header for {@code encoder} (unless headerless) and wraps it after it. */
    <E extends MessageEncoderFlyweight> E encode(final E encoder)
    {
        if (withHeader)
        {
            writeHeader(buffer, 0, encoder.sbeBlockLength(), encoder.sbeTemplateId(), encoder.sbeSchemaId(),
                encoder.sbeSchemaVersion());
        }
        encoder.wrap(buffer, bodyOffset());
        this.encoder = encoder;
        return encoder;
    }

    /** Bytes written so far, header included. */
    int encodedLength()
    {
        assertNotNull(encoder, "nothing encoded");
        return bodyOffset() + encoder.encodedLength();
    }

    /** Wraps {@code decoder} over the encoded message, after checking the header. */
    <D extends MessageDecoderFlyweight> D decode(final D decoder)
    {
        final int length = encodedLength();
        if (!withHeader)
        {
            decoder.wrap(buffer, 0, decoder.sbeBlockLength(), decoder.sbeSchemaVersion());
            return decoder;
        }
        assertEquals(SbeHeaders.OK, SbeHeaders.check(buffer, 0, length, decoder),
            () -> SbeHeaders.describe(SbeHeaders.check(buffer, 0, length, decoder)));
        decoder.wrap(buffer, SbeHeaders.HEADER_LENGTH, SbeHeaders.blockLength(buffer, 0),
            SbeHeaders.version(buffer, 0));
        return decoder;
    }

    static void writeHeader(
        final UnsafeBuffer buffer,
        final int offset,
        final int blockLength,
        final int templateId,
        final int schemaId,
        final int version)
    {
        buffer.putShort(offset, (short)blockLength, ORDER);
        buffer.putShort(offset + 2, (short)templateId, ORDER);
        buffer.putShort(offset + 4, (short)schemaId, ORDER);
        buffer.putShort(offset + 6, (short)version, ORDER);
    }

    /**
     * Checks, with a fresh decoder, that the whole message decodes to exactly the encoded length
     * and that every member named by the schema holds a non-default value.
     */
    void verify(final SchemaModel.Schema schema, final SchemaModel.Message message)
    {
        final MessageDecoderFlyweight decoder = newInstance(schema.decoderClass(message));
        final int length = encodedLength();
        if (withHeader)
        {
            assertEquals(message.id(), SbeHeaders.templateId(buffer, 0));
            assertEquals(schema.id(), SbeHeaders.schemaId(buffer, 0));
            assertEquals(schema.version(), SbeHeaders.version(buffer, 0));
            decoder.wrap(buffer, SbeHeaders.HEADER_LENGTH, SbeHeaders.blockLength(buffer, 0),
                SbeHeaders.version(buffer, 0));
        }
        else
        {
            decoder.wrap(buffer, 0, decoder.sbeBlockLength(), decoder.sbeSchemaVersion());
        }

        assertEquals(length - bodyOffset(), decoder.sbeDecodedLength(),
            message.name() + ": decoded length differs from encoded length");
        checkMembers(schema, message.name(), decoder, message.members());
        assertEquals(length - bodyOffset(), decoder.encodedLength(),
            message.name() + ": walking every member did not end at the encoded length");
    }

    private static void checkMembers(
        final SchemaModel.Schema schema,
        final String path,
        final Object codec,
        final List<SchemaModel.Member> members)
    {
        for (final SchemaModel.Member member : members)
        {
            final String where = path + "." + member.name();
            switch (member)
            {
                case SchemaModel.Field field -> checkField(schema, where, codec, field.name());
                case SchemaModel.Group group ->
                {
                    final Object groupDecoder = invoke(codec, group.name());
                    final int count = (int)invoke(groupDecoder, "count");
                    assertTrue(count > 0, where + ": group is empty");
                    final Iterator<?> entries = (Iterator<?>)groupDecoder;
                    int index = 0;
                    while (entries.hasNext())
                    {
                        entries.next();
                        checkMembers(schema, where + "[" + index++ + "]", groupDecoder, group.members());
                    }
                }
                case SchemaModel.Data data ->
                {
                    final int length = (int)invoke(codec, data.name() + "Length");
                    assertTrue(length > 0, where + ": var data is empty");
                    invoke(codec, "skip" + capitalise(data.name()));
                }
            }
        }
    }

    private static void checkField(
        final SchemaModel.Schema schema, final String where, final Object codec, final String name)
    {
        final Method getter = findMethod(codec.getClass(), name);
        if (getter == null)
        {
            checkArray(where, codec, name);
            return;
        }

        final Object value = invoke(codec, name);
        switch (value)
        {
            case null -> fail(where + ": null");
            case Enum<?> e ->
            {
                assertNotEquals("NULL_VAL", e.name(), where + ": enum reads as its null value");
                final Object raw = invoke(codec, name + "Raw");
                assertNotEquals(0L, ((Number)(raw instanceof Character c ? (int)c : raw)).longValue(),
                    where + ": enum left at 0");
            }
            case String s -> assertTrue(!s.isEmpty(), where + ": empty string");
            case CompositeDecoderFlyweight composite ->
            {
                final String type = composite.getClass().getSimpleName().replaceFirst("Decoder$", "");
                final List<String> parts = schema.composites().get(type);
                assertNotNull(parts, where + ": composite " + type + " not in the schema");
                for (final String part : parts)
                {
                    checkField(schema, where + "." + part, composite, part);
                }
            }
            case Number n ->
            {
                assertNotEquals(0L, n.longValue(), where + ": left at 0");
                final Method nullValue = findMethod(codec.getClass(), name + "NullValue");
                if (nullValue != null)
                {
                    assertNotEquals(invoke(codec, name + "NullValue"), value, where + ": reads as its null value");
                }
            }
            case Character c -> assertNotEquals(0, (int)c, where + ": left at 0");
            default ->
            {
                // a bit set: its decoder exposes the raw byte
                final Object raw = invoke(value, "getRaw");
                assertNotEquals(0L, ((Number)raw).longValue(), where + ": no choice set");
            }
        }
    }

    private static void checkArray(final String where, final Object codec, final String name)
    {
        final int length = (int)invoke(codec, name + "Length");
        boolean anySet = false;
        for (int i = 0; i < length; i++)
        {
            final Object element = invoke(codec, name, i);
            anySet |= ((Number)element).longValue() != 0;
        }
        assertTrue(anySet, where + ": every element of the array is 0");
    }

    private static String capitalise(final String name)
    {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static Method findMethod(final Class<?> type, final String name)
    {
        return Reflect.find(type, name);
    }

    private static Object invoke(final Object target, final String name)
    {
        return Reflect.call(target, name);
    }

    private static Object invoke(final Object target, final String name, final int index)
    {
        return Reflect.call(target, name, index);
    }

    static <T> T newInstance(final Class<?> type)
    {
        return Reflect.newInstance(type);
    }

    /** Reads a little-endian u16 at {@code offset}. */
    static int u16(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset, ORDER) & 0xFFFF;
    }
}
