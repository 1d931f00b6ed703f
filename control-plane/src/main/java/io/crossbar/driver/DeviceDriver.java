package io.crossbar.driver;

import io.aeron.logbuffer.ControlledFragmentHandler;
import io.aeron.logbuffer.Header;
import io.crossbar.device.Device;
import io.crossbar.engine.Codes;
import io.crossbar.engine.CommandWriter;
import io.crossbar.engine.EventSink;
import io.crossbar.gateway.FirmState;
import io.crossbar.gateway.Gateway;
import io.crossbar.gateway.Session;
import io.crossbar.gateway.SessionOrders;
import io.crossbar.gateway.SessionRegistry;
import io.crossbar.sbe.journal.InputKind;
import io.crossbar.sbe.journal.InputSource;
import io.crossbar.sbe.journal.MessageHeaderDecoder;
import io.crossbar.sbe.journal.SequencedInputDecoder;
import io.crossbar.sequencer.Sequencer;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The device driver: reads the journal (live, up to what the archive has recorded; or a recording
 * at start-up), hands each device command to the card with the next device sequence number,
 * and turns the card's events into execution reports for the owning sessions and updates for
 * market data. The same code runs live and in replay, so replay rebuilds exactly the state the
 * live run had: the card's book, the order ids, the sessions' sequence numbers and messages.
 * <p>
 * Commands in flight (given to the card, COMPLETE not yet seen) wait in a fixed ring with their
 * journal record; the card answers in command order, so events always belong to the oldest.
 * A gateway reject waits until nothing is in flight, so every session hears about its requests
 * in journal order.
 */
public final class DeviceDriver implements ControlledFragmentHandler, EventSink, SessionOrders
{
    /** Bytes of an in-flight slot: the device record, then the journal message. */
    private static final int SLOT_LENGTH = 256;
    private static final int COMMAND_LENGTH = 64;
    private static final int EVENT_LIMIT = 256;

    private final Device device;
    private final SessionRegistry registry;
    private final MarketDataSink marketData;
    private final OrderTracker orders = new OrderTracker();
    private final SystemCancels systemCancels = new SystemCancels();
    private int systemCancelsJournaled;
    private final ExecutionReports reports;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final SequencedInputDecoder input = new SequencedInputDecoder();
    private final SequencedInputDecoder head = new SequencedInputDecoder();
    private final UnsafeBuffer headCommand = new UnsafeBuffer(new byte[0]);
    private final UnsafeBuffer command = new UnsafeBuffer(new byte[COMMAND_LENGTH]);
    private final UnsafeBuffer cancelCommand = new UnsafeBuffer(new byte[COMMAND_LENGTH]);
    private final CommandWriter writer = new CommandWriter();
    /** Position per account and instrument; a flat position is not stored (0 is the missing value). */
    private final Long2LongHashMap positions = new Long2LongHashMap(0L);
    /** Lots held long per instrument, indexed by instrument (the card's instruments). */
    private final long[] openInterest;
    private final UnsafeBuffer inFlight;
    private final int inFlightMask;
    private Sequencer sequencer;
    private long inFlightHead;
    private long inFlightTail;
    private boolean headWrapped;
    private int headRejectReason;
    private long nextDeviceSequence = 1;
    private long lastSequence;
    private long lastTimestampNs;
    private long commandsCompleted;
    private long faults;
    private long tradeCount;
    private boolean deviceUnavailable;
    private long passedOver; // inputs for the card read after it stopped
    private boolean replaying;

    public DeviceDriver(
        final Device device, final SessionRegistry registry, final MarketDataSink marketData, final int inFlightCapacity)
    {
        if (Integer.bitCount(inFlightCapacity) != 1)
        {
            throw new IllegalArgumentException("in-flight capacity must be a power of two");
        }
        this.device = device;
        this.registry = registry;
        this.marketData = marketData;
        this.reports = new ExecutionReports(registry);
        this.inFlight = new UnsafeBuffer(new byte[inFlightCapacity * SLOT_LENGTH]);
        this.inFlightMask = inFlightCapacity - 1;
        this.openInterest = new long[device.info().engineConfig().instruments()];
    }

    /** True while the journal is replayed at start-up: state the gateway keeps live is rebuilt here. */
    public void replaying(final boolean replaying)
    {
        this.replaying = replaying;
    }

    /** The sequencer that cancel-on-disconnect journals its cancels with (live only). */
    public void sequencer(final Sequencer sequencer)
    {
        this.sequencer = sequencer;
    }

    /** The owner's clock for this duty cycle: sendingTime of the reports. */
    public void clock(final long nowNs)
    {
        reports.sendingTime(nowNs);
    }

    // ------------------------------------------------------------------------- journal side

    public Action onFragment(final DirectBuffer buffer, final int offset, final int length, final Header aeronHeader)
    {
        header.wrap(buffer, offset);
        if (header.templateId() != SequencedInputDecoder.TEMPLATE_ID || header.schemaId() != SequencedInputDecoder.SCHEMA_ID)
        {
            throw new IllegalStateException("the journal holds a message that is not a SequencedInput: template " +
                header.templateId() + " schema " + header.schemaId());
        }
        input.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        final InputKind kind = input.kind();
        switch (kind)
        {
            case SESSION_OPENED -> registry.opened(input.uuid(), input.firmId(), input.sessionFlags());
            case GATEWAY_REJECT ->
            {
                if (inFlightTail != inFlightHead && !deviceUnavailable)
                {
                    return Action.ABORT;
                }
                input.getCommand(command, 0, COMMAND_LENGTH);
                reports.gatewayReject(input, command);
            }
            default ->
            {
                if (deviceUnavailable)
                {
                    // The card has stopped: the input stays in the journal, which a restart replays
                    // into a working card (its reports come then). Reading on lets the refusals
                    // journaled behind it (DEVICE_UNAVAILABLE) be answered, and a session's
                    // cancel-on-disconnect cancels be recorded for the next card, not stall here.
                    passedOver++;
                }
                else if (inFlightTail - inFlightHead > inFlightMask || !toDevice(buffer, offset, length, kind))
                {
                    return Action.ABORT;
                }
            }
        }
        if (input.source() == InputSource.SESSION)
        {
            // The client's seqNum counts as applied as the gateway counted it.
            final Session session = registry.session(input.uuid());
            final boolean seqNumRefused = kind == InputKind.GATEWAY_REJECT && !Gateway.refusalConsumesSeqNum(input.reasonRaw());
            if (session != null && input.clientSeqNum() > 0 && !seqNumRefused)
            {
                session.applied(input.clientSeqNum());
            }
        }
        lastSequence = input.sequence();
        lastTimestampNs = input.timestampNs();
        return Action.CONTINUE;
    }

    private boolean toDevice(final DirectBuffer buffer, final int offset, final int length, final InputKind kind)
    {
        input.getCommand(command, 0, COMMAND_LENGTH);
        final FirmState firm = registry.firm(input.firmId());
        if ((kind == InputKind.MODIFY || kind == InputKind.CANCEL) && command.getLong(24) == 0 && firm != null)
        {
            if (inFlightTail != inFlightHead)
            {
                // The order it names may be among those in flight: resolve once they are answered.
                return false;
            }
            command.putLong(24, firm.orderIdFor(input.origClOrdId()));
        }
        command.putLong(0, nextDeviceSequence);
        if (!device.offer(command, 0))
        {
            return false;
        }
        final int slot = (int)(inFlightTail & inFlightMask) * SLOT_LENGTH;
        inFlight.putBytes(slot, command, 0, COMMAND_LENGTH);
        inFlight.putBytes(slot + COMMAND_LENGTH, buffer, offset, Math.min(length, SLOT_LENGTH - COMMAND_LENGTH));
        inFlightTail++;
        nextDeviceSequence++;
        if (replaying && firm != null && input.source() == InputSource.SESSION)
        {
            // Live, the gateway recorded the id when it sequenced the input.
            firm.useClOrdId(input.clOrdId());
        }
        return true;
    }

    // -------------------------------------------------------------------------- device side

    /** Deliver what the card has answered. */
    public int pollEvents()
    {
        return deviceUnavailable ? 0 : device.poll(this, EVENT_LIMIT);
    }

    /**
     * The card stopped answering. Commands in flight and inputs not yet handed over stay in the
     * journal (a restart replays them into a working card); gateway rejects are answered without
     * waiting for them, and inputs for the card journaled from now on are passed over and counted
     * ({@link #unanswered()}).
     */
    public void deviceUnavailable()
    {
        this.deviceUnavailable = true;
    }

    public boolean isDeviceUnavailable()
    {
        return deviceUnavailable;
    }

    public void onEvent(final DirectBuffer buffer, final int offset)
    {
        if (!headWrapped)
        {
            if (inFlightHead == inFlightTail)
            {
                faults++;
                return;
            }
            final int slot = (int)(inFlightHead & inFlightMask) * SLOT_LENGTH;
            headCommand.wrap(inFlight, slot, COMMAND_LENGTH);
            header.wrap(inFlight, slot + COMMAND_LENGTH);
            head.wrap(inFlight, slot + COMMAND_LENGTH + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(),
                header.version());
            headWrapped = true;
            headRejectReason = Codes.NONE;
        }
        final int kind = buffer.getByte(offset + 8);
        final long nowNs = head.timestampNs();
        switch (kind)
        {
            case 1 -> onAccepted(buffer, offset);
            case 2 -> onRejected(buffer, offset);
            case 3 -> onTrade(buffer, offset, nowNs);
            case 4 -> onCanceled(buffer, offset);
            case 5 -> onModified(buffer, offset);
            case 6 -> marketData.onBookLevel(buffer.getInt(offset + 20), buffer.getByte(offset + 9),
                buffer.getLong(offset + 24), buffer.getLong(offset + 32), buffer.getInt(offset + 12), nowNs);
            case 7 -> onComplete(buffer, offset, nowNs);
            default -> faults++;
        }
    }

    private void onAccepted(final DirectBuffer event, final int offset)
    {
        final TrackedOrder order = orders.create(event.getLong(offset + 24));
        order.uuid = head.source() == InputSource.SESSION ? head.uuid() : 0;
        order.firmId = head.firmId();
        order.clOrdId = head.clOrdId();
        order.side = event.getByte(offset + 9);
        order.orderType = event.getByte(offset + 10);
        order.timeInForce = event.getByte(offset + 11);
        order.flags = event.getByte(offset + 12);
        order.stpMode = event.getByte(offset + 13);
        order.account = event.getInt(offset + 16);
        order.instrument = event.getInt(offset + 20);
        order.price = event.getLong(offset + 32);
        order.leavesQty = event.getLong(offset + 40);
        order.displayQuantity = event.getLong(offset + 48);
        final FirmState firm = registry.firm(order.firmId);
        if (firm != null)
        {
            firm.orderLive(order.clOrdId, order.orderId);
        }
        reports.accepted(order, head);
    }

    private void onRejected(final DirectBuffer event, final int offset)
    {
        final int reason = event.getByte(offset + 9) & 0xFF;
        headRejectReason = reason;
        final InputKind kind = head.kind();
        if (head.source() != InputSource.SESSION)
        {
            return;
        }
        if (kind == InputKind.NEW_ORDER)
        {
            reports.orderRejected(head, headCommand, reason);
        }
        else if (kind == InputKind.MODIFY || kind == InputKind.CANCEL)
        {
            final long orderId = headCommand.getLong(24);
            reports.cancelRejected(head, orders.get(orderId), orderId, kind == InputKind.MODIFY, reason);
        }
    }

    private void onTrade(final DirectBuffer event, final int offset, final long nowNs)
    {
        final int instrument = event.getInt(offset + 20);
        final long tradeId = event.getLong(offset + 24);
        final long price = event.getLong(offset + 32);
        final long quantity = event.getLong(offset + 40);
        final int takerSide = event.getByte(offset + 9);
        tradeCount++;
        final int takerAccount = event.getInt(offset + 16);
        final int makerAccount = event.getInt(offset + 12);
        final long takerDelta = takerSide == Codes.SIDE_BUY ? quantity : -quantity;
        move(takerAccount, instrument, takerDelta);
        move(makerAccount, instrument, -takerDelta);
        marketData.onOpenInterest(instrument, openInterest(instrument));
        fill(orders.get(event.getLong(offset + 48)), tradeId, price, quantity, true);
        fill(orders.get(event.getLong(offset + 56)), tradeId, price, quantity, false);
        marketData.onTrade(instrument, tradeId, price, quantity, takerSide, nowNs);
    }

    /** Positions per account and instrument, for open interest: the sum of long positions. */
    private void move(final int account, final int instrument, final long delta)
    {
        final long key = ((long)account << 32) | (instrument & 0xFFFF_FFFFL);
        final long before = positions.get(key);
        final long after = before + delta;
        if (after == 0)
        {
            positions.remove(key);
        }
        else
        {
            positions.put(key, after);
        }
        openInterest[instrument] += Math.max(after, 0) - Math.max(before, 0);
    }

    /** Lots held long in the instrument. */
    public long openInterest(final int instrument)
    {
        return openInterest[instrument];
    }

    private void fill(final TrackedOrder order, final long tradeId, final long price, final long quantity, final boolean taker)
    {
        if (order == null)
        {
            return;
        }
        order.cumQty += quantity;
        order.leavesQty -= quantity;
        order.notional += price * quantity;
        reports.trade(order, head, tradeId, price, quantity, taker);
        if (order.leavesQty <= 0)
        {
            gone(order);
        }
    }

    private void onCanceled(final DirectBuffer event, final int offset)
    {
        final TrackedOrder order = orders.get(event.getLong(offset + 24));
        if (order == null)
        {
            return;
        }
        int reason = event.getByte(offset + 9) & 0xFF;
        long requestClOrdId = order.clOrdId;
        long uuid = order.uuid;
        if (head.kind() == InputKind.CANCEL && headCommand.getLong(24) == order.orderId)
        {
            if (head.source() == InputSource.SESSION)
            {
                requestClOrdId = head.clOrdId();
                uuid = head.uuid();
            }
            else if (head.source() == InputSource.SYSTEM)
            {
                reason = Codes.MASS_CANCEL;
            }
        }
        reports.canceled(order, head, uuid, requestClOrdId, event.getLong(offset + 40), reason);
        gone(order);
    }

    private void onModified(final DirectBuffer event, final int offset)
    {
        final TrackedOrder order = orders.get(event.getLong(offset + 24));
        if (order == null)
        {
            return;
        }
        final long origClOrdId = order.clOrdId;
        final FirmState firm = registry.firm(order.firmId);
        if (head.kind() == InputKind.MODIFY && head.source() == InputSource.SESSION)
        {
            if (firm != null)
            {
                firm.orderGone(origClOrdId);
                firm.orderLive(head.clOrdId(), order.orderId);
            }
            order.clOrdId = head.clOrdId();
            order.uuid = head.uuid();
        }
        order.price = event.getLong(offset + 32);
        order.leavesQty = event.getLong(offset + 40);
        reports.modified(order, head, origClOrdId, event.getByte(offset + 10) == 1);
    }

    private void onComplete(final DirectBuffer event, final int offset, final long nowNs)
    {
        final InputKind kind = head.kind();
        if (kind == InputKind.MASS_CANCEL && head.source() == InputSource.SESSION)
        {
            reports.massActionReport(head, headCommand, event.getInt(offset + 16), headRejectReason);
        }
        else if (kind == InputKind.DEVICE_CONFIG && headRejectReason == Codes.NONE &&
            (headCommand.getByte(8) & 0xFF) == Codes.CMD_SET_INSTRUMENT)
        {
            marketData.onTradingStatus(headCommand.getInt(20), headCommand.getByte(9), 4, nowNs);
        }
        marketData.endOfCommand();
        commandsCompleted++;
        inFlightHead++;
        headWrapped = false;
    }

    private void gone(final TrackedOrder order)
    {
        final FirmState firm = registry.firm(order.firmId);
        if (firm != null && firm.orderIdFor(order.clOrdId) == order.orderId)
        {
            firm.orderGone(order.clOrdId);
        }
        orders.remove(order);
    }

    // ------------------------------------------------------------------ cancel on disconnect

    /**
     * Queue a cancel for every live order the session entered, and journal as many as the journal
     * takes now; {@link #flushSystemCancels} journals the rest as it makes room. A cancel is never
     * dropped: the journal's publication is shared with every session, and a burst of them (a
     * session with thousands of orders going away) may find it full.
     *
     * @return the cancels queued.
     */
    public int cancelAll(final Session session)
    {
        if (sequencer == null)
        {
            return 0;
        }
        final long uuid = session.uuid();
        final long before = systemCancels.added();
        orders.forEach((order) ->
        {
            if (order.uuid == uuid)
            {
                systemCancels.add(order.orderId, uuid, order.firmId, order.clOrdId, order.account, order.instrument);
            }
        });
        flushSystemCancels();
        return (int)(systemCancels.added() - before);
    }

    /**
     * Journal the queued system cancels (cancel on disconnect or terminate) until the journal
     * pushes back. Called every duty cycle; nothing to do costs one comparison.
     *
     * @return the cancels journaled.
     */
    public int flushSystemCancels()
    {
        systemCancelsJournaled = 0;
        while (!systemCancels.isEmpty() && sequencer != null)
        {
            final int i = systemCancels.head();
            writer.cancel(cancelCommand, 0, 0, systemCancels.account[i], systemCancels.instrument[i],
                systemCancels.orderId[i]);
            if (sequencer.append(InputKind.CANCEL, InputSource.SYSTEM, systemCancels.uuid[i], systemCancels.firmId[i], 0,
                systemCancels.clOrdId[i], 0, 0, 0, 0, cancelCommand, 0) <= 0)
            {
                break; // back-pressure: the next duty cycle tries again, after the journal has moved
            }
            systemCancels.removeHead();
            systemCancelsJournaled++;
        }
        return systemCancelsJournaled;
    }

    /** System cancels queued and not yet journaled. */
    public int systemCancelsWaiting()
    {
        return systemCancels.size();
    }

    // ------------------------------------------------------------------------------ state

    /**
     * Inputs for the card that a stopped card will not answer and a restart's replay will: the
     * commands in flight when it stopped and the inputs for it read from the journal since. Zero
     * while the card works.
     */
    public long unanswered()
    {
        return deviceUnavailable ? passedOver + inFlight() : 0;
    }

    /** Commands given to the card whose COMPLETE has not come back. */
    public int inFlight()
    {
        return (int)(inFlightTail - inFlightHead);
    }

    /** The sequence number of the last journal input consumed. */
    public long lastSequence()
    {
        return lastSequence;
    }

    public long lastTimestampNs()
    {
        return lastTimestampNs;
    }

    public long commandsCompleted()
    {
        return commandsCompleted;
    }

    public long trades()
    {
        return tradeCount;
    }

    public long faults()
    {
        return faults;
    }

    public int liveOrders()
    {
        return orders.size();
    }

    public long reportsSent()
    {
        return reports.reportsSent();
    }

    public Device device()
    {
        return device;
    }
}
