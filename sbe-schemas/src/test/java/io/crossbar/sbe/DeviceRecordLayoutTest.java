package io.crossbar.sbe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.crossbar.sbe.device.AcceptedEventEncoder;
import io.crossbar.sbe.device.BookLevelEventEncoder;
import io.crossbar.sbe.device.CancelCommandEncoder;
import io.crossbar.sbe.device.CanceledEventEncoder;
import io.crossbar.sbe.device.CompleteEventEncoder;
import io.crossbar.sbe.device.ControlCommandEncoder;
import io.crossbar.sbe.device.FaultEventEncoder;
import io.crossbar.sbe.device.MassCancelCommandEncoder;
import io.crossbar.sbe.device.ModifiedEventEncoder;
import io.crossbar.sbe.device.ModifyCommandEncoder;
import io.crossbar.sbe.device.NewOrderCommandEncoder;
import io.crossbar.sbe.device.RejectedEventEncoder;
import io.crossbar.sbe.device.SetAccountCommandEncoder;
import io.crossbar.sbe.device.SetInstrumentCommandEncoder;
import io.crossbar.sbe.device.SetMarginCommandEncoder;
import io.crossbar.sbe.device.SetReferencePriceCommandEncoder;
import io.crossbar.sbe.device.TradeEventEncoder;
import org.junit.jupiter.api.Test;

/**
 * The device records' fixed layout, which the card's RTL hard-codes: every record is one 64-byte
 * ring slot, {@code sequence} (u64) at byte 0, {@code kind} at byte 8, the account id at byte 16
 * and the instrument id at byte 20 wherever a record has them.
 */
class DeviceRecordLayoutTest
{
    private static final int ABSENT = -1;

    /** One row per device record, read from the generated encoders' constants. */
    private record Layout(
        String name, int blockLength, int sequenceOffset, int kindOffset, int accountOffset, int instrumentOffset)
    {
    }

    private static final List<Layout> LAYOUTS = List.of(
        new Layout("NewOrderCommand", NewOrderCommandEncoder.BLOCK_LENGTH,
            NewOrderCommandEncoder.sequenceEncodingOffset(), NewOrderCommandEncoder.kindEncodingOffset(),
            NewOrderCommandEncoder.accountEncodingOffset(), NewOrderCommandEncoder.instrumentEncodingOffset()),
        new Layout("ModifyCommand", ModifyCommandEncoder.BLOCK_LENGTH,
            ModifyCommandEncoder.sequenceEncodingOffset(), ModifyCommandEncoder.kindEncodingOffset(),
            ModifyCommandEncoder.accountEncodingOffset(), ModifyCommandEncoder.instrumentEncodingOffset()),
        new Layout("CancelCommand", CancelCommandEncoder.BLOCK_LENGTH,
            CancelCommandEncoder.sequenceEncodingOffset(), CancelCommandEncoder.kindEncodingOffset(),
            CancelCommandEncoder.accountEncodingOffset(), CancelCommandEncoder.instrumentEncodingOffset()),
        new Layout("MassCancelCommand", MassCancelCommandEncoder.BLOCK_LENGTH,
            MassCancelCommandEncoder.sequenceEncodingOffset(), MassCancelCommandEncoder.kindEncodingOffset(),
            MassCancelCommandEncoder.accountEncodingOffset(), MassCancelCommandEncoder.instrumentEncodingOffset()),
        new Layout("SetInstrumentCommand", SetInstrumentCommandEncoder.BLOCK_LENGTH,
            SetInstrumentCommandEncoder.sequenceEncodingOffset(), SetInstrumentCommandEncoder.kindEncodingOffset(),
            ABSENT, SetInstrumentCommandEncoder.instrumentEncodingOffset()),
        new Layout("SetMarginCommand", SetMarginCommandEncoder.BLOCK_LENGTH,
            SetMarginCommandEncoder.sequenceEncodingOffset(), SetMarginCommandEncoder.kindEncodingOffset(),
            ABSENT, SetMarginCommandEncoder.instrumentEncodingOffset()),
        new Layout("SetReferencePriceCommand", SetReferencePriceCommandEncoder.BLOCK_LENGTH,
            SetReferencePriceCommandEncoder.sequenceEncodingOffset(),
            SetReferencePriceCommandEncoder.kindEncodingOffset(),
            ABSENT, SetReferencePriceCommandEncoder.instrumentEncodingOffset()),
        new Layout("SetAccountCommand", SetAccountCommandEncoder.BLOCK_LENGTH,
            SetAccountCommandEncoder.sequenceEncodingOffset(), SetAccountCommandEncoder.kindEncodingOffset(),
            SetAccountCommandEncoder.accountEncodingOffset(), ABSENT),
        new Layout("ControlCommand", ControlCommandEncoder.BLOCK_LENGTH,
            ControlCommandEncoder.sequenceEncodingOffset(), ControlCommandEncoder.kindEncodingOffset(),
            ABSENT, ABSENT),
        new Layout("AcceptedEvent", AcceptedEventEncoder.BLOCK_LENGTH,
            AcceptedEventEncoder.sequenceEncodingOffset(), AcceptedEventEncoder.kindEncodingOffset(),
            AcceptedEventEncoder.accountEncodingOffset(), AcceptedEventEncoder.instrumentEncodingOffset()),
        new Layout("RejectedEvent", RejectedEventEncoder.BLOCK_LENGTH,
            RejectedEventEncoder.sequenceEncodingOffset(), RejectedEventEncoder.kindEncodingOffset(),
            RejectedEventEncoder.accountEncodingOffset(), RejectedEventEncoder.instrumentEncodingOffset()),
        new Layout("TradeEvent", TradeEventEncoder.BLOCK_LENGTH,
            TradeEventEncoder.sequenceEncodingOffset(), TradeEventEncoder.kindEncodingOffset(),
            TradeEventEncoder.takerAccountEncodingOffset(), TradeEventEncoder.instrumentEncodingOffset()),
        new Layout("CanceledEvent", CanceledEventEncoder.BLOCK_LENGTH,
            CanceledEventEncoder.sequenceEncodingOffset(), CanceledEventEncoder.kindEncodingOffset(),
            CanceledEventEncoder.accountEncodingOffset(), CanceledEventEncoder.instrumentEncodingOffset()),
        new Layout("ModifiedEvent", ModifiedEventEncoder.BLOCK_LENGTH,
            ModifiedEventEncoder.sequenceEncodingOffset(), ModifiedEventEncoder.kindEncodingOffset(),
            ModifiedEventEncoder.accountEncodingOffset(), ModifiedEventEncoder.instrumentEncodingOffset()),
        new Layout("BookLevelEvent", BookLevelEventEncoder.BLOCK_LENGTH,
            BookLevelEventEncoder.sequenceEncodingOffset(), BookLevelEventEncoder.kindEncodingOffset(),
            ABSENT, BookLevelEventEncoder.instrumentEncodingOffset()),
        new Layout("CompleteEvent", CompleteEventEncoder.BLOCK_LENGTH,
            CompleteEventEncoder.sequenceEncodingOffset(), CompleteEventEncoder.kindEncodingOffset(),
            ABSENT, ABSENT),
        new Layout("FaultEvent", FaultEventEncoder.BLOCK_LENGTH,
            FaultEventEncoder.sequenceEncodingOffset(), FaultEventEncoder.kindEncodingOffset(),
            ABSENT, ABSENT));

    @Test
    void everyRecordFillsOneSlotWithSequenceAtZeroAndKindAtEight()
    {
        for (final Layout layout : LAYOUTS)
        {
            assertEquals(64, layout.blockLength(), layout.name());
            assertEquals(0, layout.sequenceOffset(), layout.name());
            assertEquals(8, layout.kindOffset(), layout.name());
        }
    }

    @Test
    void accountAtSixteenAndInstrumentAtTwentyWherePresent()
    {
        for (final Layout layout : LAYOUTS)
        {
            if (layout.accountOffset() != ABSENT)
            {
                assertEquals(16, layout.accountOffset(), layout.name());
            }
            if (layout.instrumentOffset() != ABSENT)
            {
                assertEquals(20, layout.instrumentOffset(), layout.name());
            }
        }
    }

    @Test
    void tableCoversEveryDeviceRecord()
    {
        final SchemaModel.Schema device = SchemaModel.load("device.xml");
        assertEquals(
            device.messages().stream().map(SchemaModel.Message::name).collect(Collectors.toSet()),
            LAYOUTS.stream().map(Layout::name).collect(Collectors.toSet()));
        assertEquals(device.messages().size(), LAYOUTS.size());
    }

    /**
     * The same rules straight from the schema, so a record added to device.xml is checked before
     * anyone adds it to the table above; plus: fields inside the slot and not overlapping.
     */
    @Test
    void everyRecordOfTheSchemaFollowsTheRules()
    {
        final SchemaModel.Schema device = SchemaModel.load("device.xml");
        assertEquals(0, device.version(), "device records carry no version: the ring fixes the layout");
        final Set<String> accountFields = Set.of("account", "takerAccount");

        for (final SchemaModel.Message message : device.messages())
        {
            final Class<?> encoder = device.encoderClass(message);
            final Class<?> decoder = device.decoderClass(message);
            final String name = message.name();
            assertEquals(64, Reflect.constant(encoder, "BLOCK_LENGTH"), name);
            assertEquals(64, Reflect.constant(decoder, "BLOCK_LENGTH"), name);
            assertEquals(0, Reflect.staticInt(encoder, "sequenceEncodingOffset"), name);
            assertEquals(8, Reflect.staticInt(encoder, "sequenceEncodingLength"), name);
            assertEquals(8, Reflect.staticInt(encoder, "kindEncodingOffset"), name);
            assertEquals(1, Reflect.staticInt(encoder, "kindEncodingLength"), name);

            final List<int[]> extents = new ArrayList<>();
            for (final SchemaModel.Member member : message.members())
            {
                final SchemaModel.Field field = assertInstanceOf(SchemaModel.Field.class, member,
                    name + ": device records are fixed blocks, without groups or var data");
                final int offset = Reflect.staticInt(encoder, field.name() + "EncodingOffset");
                final int length = Reflect.staticInt(encoder, field.name() + "EncodingLength");
                extents.add(new int[]{offset, offset + length});

                if (accountFields.contains(field.name()))
                {
                    assertEquals(16, offset, name + "." + field.name());
                }
                if ("instrument".equals(field.name()))
                {
                    assertEquals(20, offset, name + "." + field.name());
                }
                assertEquals(0, offset % Math.min(length, 8), name + "." + field.name() + " is not aligned");
            }

            extents.sort(Comparator.comparingInt((int[] e) -> e[0]));
            for (int i = 0; i < extents.size(); i++)
            {
                assertTrue(extents.get(i)[1] <= 64, name + ": field beyond the slot");
                if (i > 0)
                {
                    assertTrue(extents.get(i - 1)[1] <= extents.get(i)[0], name + ": fields overlap");
                }
            }
        }
    }
}
