package io.crossbar.sbe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import io.crossbar.sbe.admin.AdminAckDecoder;
import io.crossbar.sbe.admin.AdminAckEncoder;
import io.crossbar.sbe.admin.AdminStatus;
import io.crossbar.sbe.device.NewOrderCommandDecoder;
import io.crossbar.sbe.marketdata.BookIncrementalDecoder;
import io.crossbar.sbe.marketdata.BookIncrementalEncoder;
import io.crossbar.sbe.marketdata.MdUpdateAction;
import io.crossbar.sbe.orderentry.BooleanType;
import io.crossbar.sbe.orderentry.ExecType;
import io.crossbar.sbe.orderentry.ExecutionReportRejectDecoder;
import io.crossbar.sbe.orderentry.ExecutionReportRejectEncoder;
import io.crossbar.sbe.orderentry.KeepAliveLapsed;
import io.crossbar.sbe.orderentry.ManualOrderIndicator;
import io.crossbar.sbe.orderentry.MessageHeaderDecoder;
import io.crossbar.sbe.orderentry.MessageHeaderEncoder;
import io.crossbar.sbe.orderentry.NewOrderSingleDecoder;
import io.crossbar.sbe.orderentry.NewOrderSingleEncoder;
import io.crossbar.sbe.orderentry.OrdStatus;
import io.crossbar.sbe.orderentry.OrderType;
import io.crossbar.sbe.orderentry.Reason;
import io.crossbar.sbe.orderentry.SequenceDecoder;
import io.crossbar.sbe.orderentry.SequenceEncoder;
import io.crossbar.sbe.orderentry.Side;
import io.crossbar.sbe.orderentry.StpMode;
import io.crossbar.sbe.orderentry.TimeInForce;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.sbe.MessageDecoderFlyweight;
import org.junit.jupiter.api.Test;

/**
 * SBE versioning as Crossbar relies on it: fields are appended with {@code sinceVersion}, and a
 * receiver always decodes with the acting block length and version from the message header,
 * never with its own constants. Then an old writer's shorter block reads the new fields as null,
 * a new writer's longer block (and longer group entries) is skipped to the right place, and a
 * stream of messages stays framed either way.
 */
class SchemaVersioningTest
{
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int HEADER = SbeHeaders.HEADER_LENGTH;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);

    // ------------------------------------------------------------ old writer, new reader

    @Test
    void versionZeroNewOrderSingleReadsManualOrderIndicatorAsNull()
    {
        // Version 0 of NewOrderSingle ended where version 1 appended manualOrderIndicator.
        assertEquals(1, NewOrderSingleDecoder.manualOrderIndicatorSinceVersion());
        final int v0BlockLength = NewOrderSingleEncoder.manualOrderIndicatorEncodingOffset();
        assertEquals(NewOrderSingleEncoder.BLOCK_LENGTH - 1, v0BlockLength);

        // An old client writes a version-0 order: the header says blockLength 61, version 0 ...
        new MessageHeaderEncoder().wrap(buffer, 0)
            .blockLength(v0BlockLength)
            .templateId(NewOrderSingleEncoder.TEMPLATE_ID)
            .schemaId(NewOrderSingleEncoder.SCHEMA_ID)
            .version(0);
        final NewOrderSingleEncoder order = new NewOrderSingleEncoder().wrap(buffer, HEADER)
            .seqNum(41L)
            .sendingTime(1_767_225_600_000_000_001L)
            .clOrdId(7_001L)
            .price(6_543_210L)
            .quantity(10L)
            .displayQuantity(0L)
            .account(17L)
            .instrument(42L)
            .side(Side.BUY)
            .orderType(OrderType.LIMIT)
            .timeInForce(TimeInForce.GTC)
            .stpMode(StpMode.CANCEL_RESTING);
        order.flags().postOnly(true);

        // ... and its next message starts right after those 61 bytes.
        final int next = HEADER + v0BlockLength;
        new SequenceEncoder().wrapAndApplyHeader(buffer, next, new MessageHeaderEncoder())
            .uuid(99L)
            .nextSeqNum(42L)
            .keepAliveLapsed(KeepAliveLapsed.NOT_LAPSED);
        final int streamLength = next + HEADER + SequenceEncoder.BLOCK_LENGTH;

        // The version-1 gateway decodes with the acting block length and version.
        final NewOrderSingleDecoder decoder = new NewOrderSingleDecoder();
        assertEquals(SbeHeaders.OK, SbeHeaders.check(buffer, 0, streamLength, decoder));
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, 0);
        decoder.wrap(buffer, HEADER, header.blockLength(), header.version());

        assertEquals(0, decoder.actingVersion());
        assertEquals(41L, decoder.seqNum());
        assertEquals(7_001L, decoder.clOrdId());
        assertEquals(6_543_210L, decoder.price());
        assertEquals(10L, decoder.quantity());
        assertEquals(17L, decoder.account());
        assertEquals(42L, decoder.instrument());
        assertEquals(Side.BUY, decoder.side());
        assertTrue(decoder.flags().postOnly());
        assertEquals(StpMode.CANCEL_RESTING, decoder.stpMode());
        assertEquals(ManualOrderIndicator.NULL_VAL, decoder.manualOrderIndicator());
        assertEquals(ManualOrderIndicator.NULL_VAL.value(), decoder.manualOrderIndicatorRaw());

        // The message ends where the old client ended it, so the stream stays framed.
        assertEquals(v0BlockLength, decoder.sbeDecodedLength());
        final SequenceDecoder sequence = new SequenceDecoder().wrapAndApplyHeader(
            buffer, HEADER + decoder.sbeDecodedLength(), new MessageHeaderDecoder());
        assertEquals(99L, sequence.uuid());
        assertEquals(42L, sequence.nextSeqNum());

        // A decoder that trusted its own constants would read the next message's first byte.
        final NewOrderSingleDecoder naive = new NewOrderSingleDecoder()
            .wrap(buffer, HEADER, NewOrderSingleDecoder.BLOCK_LENGTH, NewOrderSingleDecoder.SCHEMA_VERSION);
        assertEquals(SequenceEncoder.BLOCK_LENGTH, naive.manualOrderIndicatorRaw());
    }

    /** For every message of every schema: fields added after version 0 read as null from a version-0 writer. */
    @Test
    void everySinceVersionFieldReadsAsNullFromAnOlderWriter()
    {
        int checked = 0;
        for (final SchemaModel.Schema schema : SchemaModel.all())
        {
            for (final SchemaModel.Message message : schema.messages())
            {
                final List<SchemaModel.Field> added = new ArrayList<>();
                final List<SchemaModel.Field> original = new ArrayList<>();
                for (final SchemaModel.Member member : message.members())
                {
                    if (member instanceof SchemaModel.Field field)
                    {
                        (field.sinceVersion() > 0 ? added : original).add(field);
                    }
                }
                if (added.isEmpty())
                {
                    continue;
                }

                final Class<?> decoderClass = schema.decoderClass(message);
                // Appended fields sit after every field of the older version.
                int oldEnd = 0;
                for (final SchemaModel.Field field : original)
                {
                    oldEnd = Math.max(oldEnd, Reflect.staticInt(decoderClass, field.name() + "EncodingOffset") +
                        Reflect.staticInt(decoderClass, field.name() + "EncodingLength"));
                }
                for (final SchemaModel.Field field : added)
                {
                    final String where = schema.file() + " " + message.name() + "." + field.name();
                    assertTrue(field.sinceVersion() <= schema.version(), where + ": sinceVersion above the schema's");
                    assertTrue(Reflect.staticInt(decoderClass, field.name() + "EncodingOffset") >= oldEnd,
                        where + ": a field added in a later version must follow every older field");
                }

                // Old writer: block ends at oldEnd; the bytes after it belong to someone else.
                buffer.setMemory(0, buffer.capacity(), (byte)0x01);
                final MessageDecoderFlyweight decoder = CodecHarness.newInstance(decoderClass);
                decoder.wrap(buffer, HEADER, oldEnd, 0);
                for (final SchemaModel.Field field : added)
                {
                    final String where = schema.file() + " " + message.name() + "." + field.name();
                    final Object value = Reflect.call(decoder, field.name());
                    if (value instanceof Enum<?> e)
                    {
                        assertEquals("NULL_VAL", e.name(), where);
                    }
                    else
                    {
                        assertEquals(Reflect.call(decoder, field.name() + "NullValue"), value, where);
                    }
                    checked++;
                }
                assertEquals(oldEnd, decoder.sbeDecodedLength(), message.name());
            }
        }
        assertTrue(checked >= 4, "order entry version 1 added manualOrderIndicator to four messages");
    }

    // ------------------------------------------------------------ new writer, old reader

    @Test
    void versionOneNewOrderSingleIsReadByVersionZeroCodeUsingTheActingBlockLength()
    {
        // A version-1 client writes an order and a Sequence behind it.
        final NewOrderSingleEncoder order = new NewOrderSingleEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .seqNum(7L)
            .clOrdId(8_001L)
            .price(6_543_210L)
            .quantity(3L)
            .account(17L)
            .instrument(42L)
            .side(Side.SELL)
            .manualOrderIndicator(ManualOrderIndicator.MANUAL);
        final int next = HEADER + order.encodedLength();
        new SequenceEncoder().wrapAndApplyHeader(buffer, next, new MessageHeaderEncoder()).uuid(5L).nextSeqNum(8L);

        // Code written against version 0 knows 61 bytes and nothing of manualOrderIndicator;
        // version 1 moved none of the fields it reads.
        assertEquals(16, NewOrderSingleDecoder.clOrdIdEncodingOffset());
        assertEquals(24, NewOrderSingleDecoder.priceEncodingOffset());
        assertEquals(32, NewOrderSingleDecoder.quantityEncodingOffset());
        assertEquals(48, NewOrderSingleDecoder.accountEncodingOffset());
        assertEquals(52, NewOrderSingleDecoder.instrumentEncodingOffset());
        final VersionZeroNewOrderSingleReader old = new VersionZeroNewOrderSingleReader(buffer, 0);
        assertEquals(NewOrderSingleEncoder.SCHEMA_VERSION, old.version());
        assertEquals(8_001L, old.clOrdId());
        assertEquals(6_543_210L, old.price());
        assertEquals(3L, old.quantity());
        assertEquals(17L, old.account());
        assertEquals(42L, old.instrument());

        // It finds the next message by the header's block length, not by its own 61.
        assertEquals(next, old.nextMessageOffset());
        assertEquals(SequenceEncoder.TEMPLATE_ID, SbeHeaders.templateId(buffer, old.nextMessageOffset()));
        assertTrue(old.nextMessageOffset() != HEADER + VersionZeroNewOrderSingleReader.BLOCK_LENGTH);
    }

    @Test
    void longerBlockFromANewerWriterIsSkippedBeforeTheVarData()
    {
        // What a future version 2 of ExecutionReportReject would send: 16 more bytes of fields
        // appended to the block, then the text as before.
        final int extra = 16;
        final UnsafeBuffer current = new UnsafeBuffer(new byte[512]);
        final ExecutionReportRejectEncoder encoder = new ExecutionReportRejectEncoder()
            .wrapAndApplyHeader(current, 0, new MessageHeaderEncoder())
            .seqNum(900L)
            .exchangeSequence(7_000_900L)
            .clOrdId(9_100L)
            .account(30L)
            .instrument(60L)
            .execType(ExecType.REJECTED)
            .ordStatus(OrdStatus.REJECTED)
            .side(Side.BUY)
            .reason(Reason.PRICE_OUT_OF_BAND)
            .possRetrans(BooleanType.FALSE)
            .text("price outside the band");
        final int block = ExecutionReportRejectEncoder.BLOCK_LENGTH;
        final int varLength = encoder.encodedLength() - block;

        new MessageHeaderEncoder().wrap(buffer, 0)
            .blockLength(block + extra)
            .templateId(ExecutionReportRejectEncoder.TEMPLATE_ID)
            .schemaId(ExecutionReportRejectEncoder.SCHEMA_ID)
            .version(ExecutionReportRejectEncoder.SCHEMA_VERSION + 1);
        buffer.putBytes(HEADER, current, HEADER, block);
        buffer.setMemory(HEADER + block, extra, (byte)0x7F);
        buffer.putBytes(HEADER + block + extra, current, HEADER + block, varLength);
        final int length = HEADER + block + extra + varLength;

        // Decodable (SBE's rule) ...
        final ExecutionReportRejectDecoder decoder = new ExecutionReportRejectDecoder();
        assertEquals(SbeHeaders.OK, SbeHeaders.check(buffer, 0, length, decoder));
        // ... though a receiver whose policy admits only versions it knows can refuse it.
        assertEquals(SbeHeaders.UNSUPPORTED_VERSION, SbeHeaders.checkSchema(buffer, 0, length,
            ExecutionReportRejectDecoder.SCHEMA_ID, 0, ExecutionReportRejectDecoder.SCHEMA_VERSION));

        decoder.wrap(buffer, HEADER, SbeHeaders.blockLength(buffer, 0), SbeHeaders.version(buffer, 0));
        assertEquals(900L, decoder.seqNum());
        assertEquals(7_000_900L, decoder.exchangeSequence());
        assertEquals(9_100L, decoder.clOrdId());
        assertEquals(30L, decoder.account());
        assertEquals(60L, decoder.instrument());
        assertEquals(ExecType.REJECTED, decoder.execType());
        assertEquals(Reason.PRICE_OUT_OF_BAND, decoder.reason());
        assertEquals(BooleanType.FALSE, decoder.possRetrans());
        assertEquals("price outside the band", decoder.text());
        assertEquals(length - HEADER, decoder.encodedLength());
    }

    @Test
    void longerGroupEntriesFromANewerWriterAreSkipped()
    {
        // Group entries carry their own block length, so a later version can append fields to
        // the entries of BookIncremental without breaking older feed handlers.
        final int extra = 8;
        final UnsafeBuffer current = new UnsafeBuffer(new byte[512]);
        final BookIncrementalEncoder encoder = new BookIncrementalEncoder()
            .wrapAndApplyHeader(current, 0, new io.crossbar.sbe.marketdata.MessageHeaderEncoder())
            .transactTime(123L);
        encoder.entriesCount(2)
            .next().rptSeq(11L).price(100L).quantity(5L).instrument(1L).orderCount(2L)
            .side(io.crossbar.sbe.marketdata.Side.BUY).updateAction(MdUpdateAction.NEW)
            .next().rptSeq(12L).price(101L).quantity(0L).instrument(1L).orderCount(0L)
            .side(io.crossbar.sbe.marketdata.Side.SELL).updateAction(MdUpdateAction.DELETE);

        final int block = BookIncrementalEncoder.BLOCK_LENGTH;
        final int entry = BookIncrementalEncoder.EntriesEncoder.sbeBlockLength();
        final int groupHeader = BookIncrementalEncoder.EntriesEncoder.sbeHeaderSize();
        final int groupHeaderAt = HEADER + block;

        // Same message, but each entry is `extra` bytes longer, and the group header says so.
        buffer.putBytes(0, current, 0, groupHeaderAt + groupHeader);
        buffer.putShort(groupHeaderAt, (short)(entry + extra), ORDER);
        int to = groupHeaderAt + groupHeader;
        for (int i = 0; i < 2; i++)
        {
            buffer.putBytes(to, current, groupHeaderAt + groupHeader + i * entry, entry);
            buffer.setMemory(to + entry, extra, (byte)0x5A);
            to += entry + extra;
        }

        final BookIncrementalDecoder decoder = new BookIncrementalDecoder();
        assertEquals(SbeHeaders.OK, SbeHeaders.check(buffer, 0, to, decoder));
        decoder.wrap(buffer, HEADER, SbeHeaders.blockLength(buffer, 0), SbeHeaders.version(buffer, 0));
        assertEquals(123L, decoder.transactTime());
        final BookIncrementalDecoder.EntriesDecoder entries = decoder.entries();
        assertEquals(2, entries.count());
        entries.next();
        assertEquals(11L, entries.rptSeq());
        assertEquals(100L, entries.price());
        assertEquals(MdUpdateAction.NEW, entries.updateAction());
        entries.next();
        assertEquals(12L, entries.rptSeq());
        assertEquals(101L, entries.price());
        assertEquals(MdUpdateAction.DELETE, entries.updateAction());
        assertFalse(entries.hasNext());
        assertEquals(to - HEADER, decoder.encodedLength());
    }

    // ------------------------------------------------------------ header checks

    @Test
    void headerOfAnotherSchemaIsDetected()
    {
        final AdminAckEncoder ack = new AdminAckEncoder()
            .wrapAndApplyHeader(buffer, 0, new io.crossbar.sbe.admin.MessageHeaderEncoder())
            .correlationId(1L)
            .status(AdminStatus.OK)
            .text("ok");
        final int length = HEADER + ack.encodedLength();

        // Admin's AdminAck is template 101 of schema 4; order entry is schema 1.
        assertEquals(SbeHeaders.WRONG_SCHEMA, SbeHeaders.check(buffer, 0, length, new NewOrderSingleDecoder()));
        assertEquals(SbeHeaders.WRONG_SCHEMA, SbeHeaders.checkSchema(buffer, 0, length, 1, 0, 1));
        assertEquals(SbeHeaders.OK, SbeHeaders.check(buffer, 0, length, new AdminAckDecoder()));

        // Same template id in another schema is still another schema.
        new MessageHeaderEncoder().wrap(buffer, 0)
            .blockLength(AdminAckDecoder.BLOCK_LENGTH)
            .templateId(AdminAckDecoder.TEMPLATE_ID)
            .schemaId(NewOrderSingleDecoder.SCHEMA_ID)
            .version(0);
        assertEquals(SbeHeaders.WRONG_SCHEMA, SbeHeaders.check(buffer, 0, length, new AdminAckDecoder()));
        assertEquals("WRONG_SCHEMA", SbeHeaders.describe(SbeHeaders.WRONG_SCHEMA));
    }

    @Test
    void headerChecksReturnCodesInsteadOfThrowing()
    {
        final NewOrderSingleEncoder order = new NewOrderSingleEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .clOrdId(1L);
        final int length = HEADER + order.encodedLength();
        final NewOrderSingleDecoder decoder = new NewOrderSingleDecoder();

        assertEquals(SbeHeaders.OK, SbeHeaders.check(buffer, 0, length, decoder));
        assertEquals(SbeHeaders.TRUNCATED, SbeHeaders.check(buffer, 0, HEADER - 1, decoder));
        assertEquals(SbeHeaders.TRUNCATED, SbeHeaders.check(buffer, 0, length - 1, decoder));
        assertEquals(SbeHeaders.WRONG_TEMPLATE, SbeHeaders.check(buffer, 0, length, new SequenceDecoder()));
        assertEquals(SbeHeaders.WRONG_SCHEMA, SbeHeaders.check(buffer, 0, length, new NewOrderCommandDecoder()));

        // Version 1 but a version-0 block: a malformed message, not an old one.
        buffer.putShort(0, (short)(NewOrderSingleDecoder.BLOCK_LENGTH - 1), ORDER);
        assertEquals(SbeHeaders.BLOCK_TOO_SHORT, SbeHeaders.check(buffer, 0, length, decoder));
        buffer.putShort(6, (short)0, ORDER);
        assertEquals(SbeHeaders.OK, SbeHeaders.check(buffer, 0, length, decoder));

        // A receiver's admission policy: versions 1..1 only.
        assertEquals(SbeHeaders.UNSUPPORTED_VERSION, SbeHeaders.checkSchema(buffer, 0, length, 1, 1, 1));
        assertEquals(SbeHeaders.OK, SbeHeaders.checkSchema(buffer, 0, length, 1, 0, 1));

        for (final int code : new int[]{SbeHeaders.OK, SbeHeaders.TRUNCATED, SbeHeaders.WRONG_SCHEMA,
            SbeHeaders.UNSUPPORTED_VERSION, SbeHeaders.WRONG_TEMPLATE, SbeHeaders.BLOCK_TOO_SHORT})
        {
            assertFalse(SbeHeaders.describe(code).startsWith("UNKNOWN"));
        }
    }

    /**
     * What code compiled against version 0 of NewOrderSingle looks like: it knows the version-0
     * offsets and block length, and nothing after them.
     */
    private static final class VersionZeroNewOrderSingleReader
    {
        static final int BLOCK_LENGTH = 61;

        private final UnsafeBuffer buffer;
        private final int offset;

        VersionZeroNewOrderSingleReader(final UnsafeBuffer buffer, final int offset)
        {
            this.buffer = buffer;
            this.offset = offset;
        }

        int version()
        {
            return SbeHeaders.version(buffer, offset);
        }

        long clOrdId()
        {
            return buffer.getLong(offset + HEADER + 16, ORDER);
        }

        long price()
        {
            return buffer.getLong(offset + HEADER + 24, ORDER);
        }

        long quantity()
        {
            return buffer.getLong(offset + HEADER + 32, ORDER);
        }

        long account()
        {
            return buffer.getInt(offset + HEADER + 48, ORDER) & 0xFFFF_FFFFL;
        }

        long instrument()
        {
            return buffer.getInt(offset + HEADER + 52, ORDER) & 0xFFFF_FFFFL;
        }

        int nextMessageOffset()
        {
            return offset + HEADER + SbeHeaders.blockLength(buffer, offset);
        }
    }
}
