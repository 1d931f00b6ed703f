package io.crossbar.sbe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import io.crossbar.sbe.journal.InputKind;
import io.crossbar.sbe.journal.InputSource;
import io.crossbar.sbe.journal.Reason;
import io.crossbar.sbe.journal.SequencedInputDecoder;
import io.crossbar.sbe.journal.SequencedInputEncoder;

/**
 * Round trip of the journal's one message, with a device record in its command field.
 */
final class JournalRoundTrips
{
    static final String SCHEMA = "journal.xml";

    private JournalRoundTrips()
    {
    }

    static List<RoundTrip> cases()
    {
        return List.of(new RoundTrip(SCHEMA, SequencedInputDecoder.TEMPLATE_ID, JournalRoundTrips::sequencedInput));
    }

    static void sequencedInput(final CodecHarness h)
    {
        final byte[] command = new byte[SequencedInputEncoder.commandLength()];
        for (int i = 0; i < command.length; i++)
        {
            command[i] = (byte)(i + 1);
        }
        h.encode(new SequencedInputEncoder())
            .sequence(0x8000_0000_0000_0001L)
            .timestampNs(1_767_225_600_123_456_789L)
            .uuid(0xF1E2_D3C4_B5A6_9788L)
            .clOrdId(1_001L)
            .origClOrdId(1_000L)
            .clientSeqNum(42L)
            .firmId(3_000_000_123L)
            .refTemplateId(20)
            .kind(InputKind.GATEWAY_REJECT)
            .source(InputSource.SESSION)
            .reason(Reason.THROTTLED)
            .sessionFlags((short)3)
            .putCommand(command, 0, command.length);

        final SequencedInputDecoder d = h.decode(new SequencedInputDecoder());
        assertEquals(0x8000_0000_0000_0001L, d.sequence());
        assertEquals(1_767_225_600_123_456_789L, d.timestampNs());
        assertEquals(0xF1E2_D3C4_B5A6_9788L, d.uuid());
        assertEquals(1_001L, d.clOrdId());
        assertEquals(1_000L, d.origClOrdId());
        assertEquals(42L, d.clientSeqNum());
        assertEquals(3_000_000_123L, d.firmId());
        assertEquals(20, d.refTemplateId());
        assertEquals(InputKind.GATEWAY_REJECT, d.kind());
        assertEquals(InputSource.SESSION, d.source());
        assertEquals(Reason.THROTTLED, d.reason());
        assertEquals(3, d.sessionFlags());
        final byte[] decoded = new byte[command.length];
        d.getCommand(decoded, 0, decoded.length);
        assertEquals(java.util.Arrays.toString(command), java.util.Arrays.toString(decoded));
    }
}
