package io.crossbar.client;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.crossbar.sbe.orderentry.BooleanType;
import io.crossbar.sbe.orderentry.BusinessRejectDecoder;
import io.crossbar.sbe.orderentry.EstablishEncoder;
import io.crossbar.sbe.orderentry.EstablishmentAckDecoder;
import io.crossbar.sbe.orderentry.EstablishmentRejectDecoder;
import io.crossbar.sbe.orderentry.ExecutionReportCanceledDecoder;
import io.crossbar.sbe.orderentry.ExecutionReportModifyDecoder;
import io.crossbar.sbe.orderentry.ExecutionReportNewDecoder;
import io.crossbar.sbe.orderentry.ExecutionReportRejectDecoder;
import io.crossbar.sbe.orderentry.ExecutionReportTradeDecoder;
import io.crossbar.sbe.orderentry.KeepAliveLapsed;
import io.crossbar.sbe.orderentry.ManualOrderIndicator;
import io.crossbar.sbe.orderentry.MassCancelScope;
import io.crossbar.sbe.orderentry.MessageHeaderDecoder;
import io.crossbar.sbe.orderentry.MessageHeaderEncoder;
import io.crossbar.sbe.orderentry.NegotiateEncoder;
import io.crossbar.sbe.orderentry.NegotiationRejectDecoder;
import io.crossbar.sbe.orderentry.NegotiationResponseDecoder;
import io.crossbar.sbe.orderentry.NewOrderSingleEncoder;
import io.crossbar.sbe.orderentry.NotAppliedDecoder;
import io.crossbar.sbe.orderentry.OrderCancelRejectDecoder;
import io.crossbar.sbe.orderentry.OrderCancelReplaceRequestEncoder;
import io.crossbar.sbe.orderentry.OrderCancelRequestEncoder;
import io.crossbar.sbe.orderentry.OrderMassActionReportDecoder;
import io.crossbar.sbe.orderentry.OrderMassActionRequestEncoder;
import io.crossbar.sbe.orderentry.OrderType;
import io.crossbar.sbe.orderentry.RetransmissionDecoder;
import io.crossbar.sbe.orderentry.RetransmitRejectDecoder;
import io.crossbar.sbe.orderentry.RetransmitRequestEncoder;
import io.crossbar.sbe.orderentry.SequenceDecoder;
import io.crossbar.sbe.orderentry.SequenceEncoder;
import io.crossbar.sbe.orderentry.Side;
import io.crossbar.sbe.orderentry.StpMode;
import io.crossbar.sbe.orderentry.TerminateDecoder;
import io.crossbar.sbe.orderentry.TerminateEncoder;
import io.crossbar.sbe.orderentry.TerminationCode;
import io.crossbar.sbe.orderentry.TimeInForce;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A market maker's order-entry session over Aeron: negotiate and establish (HMAC-signed), send
 * orders, cancels, replaces and mass cancels with session sequence numbers, keep the session
 * alive with heartbeats, and hand every execution report to an {@link OrderEntryListener}.
 * <p>
 * Set-up ({@link #connect(long)}) blocks and may allocate; after it, sending and {@link #poll()}
 * allocate nothing. Sends return Aeron's offer result: positive on success, negative when the
 * message could not be sent (back-pressure: poll and try again); a failed send does not use a
 * sequence number. Not thread-safe: one thread sends and polls.
 */
public final class OrderEntryClient implements AutoCloseable
{
    /** Where the session is in its life. */
    public enum State
    {
        IDLE, NEGOTIATING, ESTABLISHING, ESTABLISHED, REJECTED, TERMINATED, CLOSED
    }

    /** Returned by sends when the session is not established. */
    public static final long NOT_ESTABLISHED = -100;

    private static final AtomicLong UUID_SEQUENCE = new AtomicLong();
    private static final int FRAGMENT_LIMIT = 32;

    private final Context ctx;
    private final Aeron aeron;
    private final EpochNanoClock clock = new OffsetEpochNanoClock();
    private final SessionSigner signer;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final NegotiateEncoder negotiate = new NegotiateEncoder();
    private final EstablishEncoder establish = new EstablishEncoder();
    private final SequenceEncoder sequence = new SequenceEncoder();
    private final TerminateEncoder terminate = new TerminateEncoder();
    private final RetransmitRequestEncoder retransmitRequest = new RetransmitRequestEncoder();
    private final NewOrderSingleEncoder newOrder = new NewOrderSingleEncoder();
    private final OrderCancelRequestEncoder cancel = new OrderCancelRequestEncoder();
    private final OrderCancelReplaceRequestEncoder replace = new OrderCancelReplaceRequestEncoder();
    private final OrderMassActionRequestEncoder massAction = new OrderMassActionRequestEncoder();
    private final NegotiationResponseDecoder negotiationResponse = new NegotiationResponseDecoder();
    private final NegotiationRejectDecoder negotiationReject = new NegotiationRejectDecoder();
    private final EstablishmentAckDecoder establishmentAck = new EstablishmentAckDecoder();
    private final EstablishmentRejectDecoder establishmentReject = new EstablishmentRejectDecoder();
    private final SequenceDecoder sequenceDecoder = new SequenceDecoder();
    private final TerminateDecoder terminateDecoder = new TerminateDecoder();
    private final RetransmissionDecoder retransmission = new RetransmissionDecoder();
    private final RetransmitRejectDecoder retransmitReject = new RetransmitRejectDecoder();
    private final NotAppliedDecoder notApplied = new NotAppliedDecoder();
    private final ExecutionReportNewDecoder reportNew = new ExecutionReportNewDecoder();
    private final ExecutionReportTradeDecoder reportTrade = new ExecutionReportTradeDecoder();
    private final ExecutionReportCanceledDecoder reportCanceled = new ExecutionReportCanceledDecoder();
    private final ExecutionReportModifyDecoder reportModify = new ExecutionReportModifyDecoder();
    private final ExecutionReportRejectDecoder reportReject = new ExecutionReportRejectDecoder();
    private final OrderCancelRejectDecoder cancelReject = new OrderCancelRejectDecoder();
    private final OrderMassActionReportDecoder massReport = new OrderMassActionReportDecoder();
    private final BusinessRejectDecoder businessReject = new BusinessRejectDecoder();
    private final FragmentHandler handler = this::onFragment;

    private OrderEntryListener listener;
    private Subscription responses;
    private ExclusivePublication requests;
    private String responseChannel;
    private State state = State.IDLE;
    private long uuid;
    private long nextOutSeqNum = 1;
    private long expectedInSeqNum = 1;
    private long lastSentNs;
    private long lastReceivedNs;
    private long previousUuid;
    private long previousSeqNum;
    private String rejectText = "";
    private long messagesReceived;

    public OrderEntryClient(final Context ctx, final OrderEntryListener listener)
    {
        this.ctx = ctx.conclude();
        this.aeron = ctx.aeron;
        this.listener = listener;
        this.signer = new SessionSigner(ctx.secret);
    }

    /** Replace the listener (for example once set-up is done). */
    public void listener(final OrderEntryListener listener)
    {
        this.listener = listener;
    }

    /**
     * Negotiate (with a new uuid) and establish, waiting at most {@code timeoutNs}.
     *
     * @return true when established; false when the gateway refused (see {@link #rejectText()}) or
     * did not answer in time.
     */
    public boolean connect(final long timeoutNs)
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        if (!openConnection(deadlineNs))
        {
            return false;
        }
        uuid = TimeUnit.NANOSECONDS.toMicros(clock.nanoTime()) * 16 + (UUID_SEQUENCE.incrementAndGet() & 15);
        nextOutSeqNum = 1;
        expectedInSeqNum = 1;
        state = State.NEGOTIATING;
        if (!sendNegotiate() || !awaitStateChange(State.NEGOTIATING, deadlineNs))
        {
            return false;
        }
        return state == State.ESTABLISHING && establish(deadlineNs);
    }

    /**
     * Establish the current uuid again over a new connection (after a disconnect or a gateway
     * restart), continuing both sequence series.
     */
    public boolean reconnect(final long timeoutNs)
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        closeConnection();
        if (!openConnection(deadlineNs))
        {
            return false;
        }
        state = State.ESTABLISHING;
        return establish(deadlineNs);
    }

    private boolean establish(final long deadlineNs)
    {
        if (!sendEstablish())
        {
            return false;
        }
        return awaitStateChange(State.ESTABLISHING, deadlineNs) && state == State.ESTABLISHED;
    }

    private boolean openConnection(final long deadlineNs)
    {
        responses = aeron.addSubscription(ctx.responseChannel, ctx.responseStreamId);
        String resolved;
        while ((resolved = responses.tryResolveChannelEndpointPort()) == null)
        {
            if (System.nanoTime() > deadlineNs)
            {
                rejectText = "response channel did not resolve: " + ctx.responseChannel;
                return false;
            }
            Thread.onSpinWait();
        }
        responseChannel = resolved;
        requests = aeron.addExclusivePublication(ctx.gatewayChannel, ctx.gatewayStreamId);
        while (!requests.isConnected())
        {
            if (System.nanoTime() > deadlineNs)
            {
                rejectText = "no gateway at " + ctx.gatewayChannel + " stream " + ctx.gatewayStreamId;
                return false;
            }
            sleepBriefly();
        }
        return true;
    }

    private boolean awaitStateChange(final State from, final long deadlineNs)
    {
        while (state == from)
        {
            if (System.nanoTime() > deadlineNs)
            {
                rejectText = "no answer from the gateway while " + from;
                return false;
            }
            if (poll() == 0)
            {
                sleepBriefly();
            }
        }
        return true;
    }

    private static void sleepBriefly()
    {
        try
        {
            Thread.sleep(1);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private boolean sendNegotiate()
    {
        final long now = clock.nanoTime();
        final byte[] signature = signer.signNegotiate(
            now, uuid, ctx.firmId, ctx.accessKeyId, ctx.responseStreamId, responseChannel);
        negotiate.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .uuid(uuid)
            .requestTimestamp(now)
            .firmId(ctx.firmId)
            .accessKeyId(ctx.accessKeyId)
            .putHmacSignature(signature, 0, signature.length);
        negotiate.clientFlags().clear().cancelOnDisconnect(ctx.cancelOnDisconnect).cancelOnTerminate(ctx.cancelOnDisconnect);
        negotiate.responseStreamId(ctx.responseStreamId).responseChannel(responseChannel);
        return offerBlocking(MessageHeaderEncoder.ENCODED_LENGTH + negotiate.encodedLength());
    }

    private boolean sendEstablish()
    {
        final long now = clock.nanoTime();
        final byte[] signature = signer.signEstablish(now, uuid, ctx.firmId, ctx.accessKeyId, ctx.responseStreamId,
            responseChannel, nextOutSeqNum, ctx.keepAliveIntervalMs);
        establish.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .uuid(uuid)
            .requestTimestamp(now)
            .nextSeqNum(nextOutSeqNum)
            .firmId(ctx.firmId)
            .keepAliveIntervalMs(ctx.keepAliveIntervalMs)
            .accessKeyId(ctx.accessKeyId)
            .putHmacSignature(signature, 0, signature.length)
            .responseStreamId(ctx.responseStreamId)
            .responseChannel(responseChannel);
        return offerBlocking(MessageHeaderEncoder.ENCODED_LENGTH + establish.encodedLength());
    }

    private boolean offerBlocking(final int length)
    {
        final long deadlineNs = System.nanoTime() + ctx.sendTimeoutNs;
        while (requests.offer(buffer, 0, length) < 0)
        {
            if (System.nanoTime() > deadlineNs)
            {
                rejectText = "could not send to the gateway";
                return false;
            }
            Thread.yield();
        }
        lastSentNs = System.nanoTime();
        return true;
    }

    // ----------------------------------------------------------------------------- orders

    /** Enter an order. Prices in ticks, quantities in lots; {@code flags} bit 0 post-only, bit 1 reduce-only. */
    public long newOrder(
        final long clOrdId,
        final int account,
        final int instrument,
        final Side side,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final long price,
        final long quantity,
        final long displayQuantity,
        final int flags,
        final StpMode stpMode)
    {
        if (state != State.ESTABLISHED)
        {
            return NOT_ESTABLISHED;
        }
        newOrder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .seqNum(nextOutSeqNum)
            .sendingTime(clock.nanoTime())
            .clOrdId(clOrdId)
            .price(price)
            .quantity(quantity)
            .displayQuantity(displayQuantity)
            .account(account)
            .instrument(instrument)
            .side(side)
            .orderType(orderType)
            .timeInForce(timeInForce)
            .stpMode(stpMode)
            .manualOrderIndicator(ManualOrderIndicator.AUTOMATED);
        newOrder.flags().clear().postOnly((flags & 1) != 0).reduceOnly((flags & 2) != 0);
        return sendApplication(MessageHeaderEncoder.ENCODED_LENGTH + newOrder.encodedLength());
    }

    /** A limit GTC order with no flags and STP cancel-resting. */
    public long limitOrder(
        final long clOrdId, final int account, final int instrument, final Side side, final long price, final long quantity)
    {
        return newOrder(clOrdId, account, instrument, side, OrderType.LIMIT, TimeInForce.GTC, price, quantity, 0, 0,
            StpMode.CANCEL_RESTING);
    }

    /** Cancel an order, by exchange order id when known (else pass {@link #NULL_ORDER_ID} and origClOrdId). */
    public long cancel(
        final long clOrdId, final long origClOrdId, final long orderId, final int account, final int instrument,
        final Side side)
    {
        if (state != State.ESTABLISHED)
        {
            return NOT_ESTABLISHED;
        }
        cancel.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .seqNum(nextOutSeqNum)
            .sendingTime(clock.nanoTime())
            .clOrdId(clOrdId)
            .origClOrdId(origClOrdId)
            .orderId(orderId)
            .account(account)
            .instrument(instrument)
            .side(side)
            .manualOrderIndicator(ManualOrderIndicator.AUTOMATED);
        return sendApplication(MessageHeaderEncoder.ENCODED_LENGTH + cancel.encodedLength());
    }

    /** Replace an order's price and remaining quantity; the order takes {@code clOrdId}. */
    public long replace(
        final long clOrdId, final long origClOrdId, final long orderId, final int account, final int instrument,
        final Side side, final long price, final long quantity)
    {
        if (state != State.ESTABLISHED)
        {
            return NOT_ESTABLISHED;
        }
        replace.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .seqNum(nextOutSeqNum)
            .sendingTime(clock.nanoTime())
            .clOrdId(clOrdId)
            .origClOrdId(origClOrdId)
            .orderId(orderId)
            .price(price)
            .quantity(quantity)
            .account(account)
            .instrument(instrument)
            .side(side)
            .manualOrderIndicator(ManualOrderIndicator.AUTOMATED);
        return sendApplication(MessageHeaderEncoder.ENCODED_LENGTH + replace.encodedLength());
    }

    public long massCancel(final long clOrdId, final int account, final int instrument, final MassCancelScope scope)
    {
        if (state != State.ESTABLISHED)
        {
            return NOT_ESTABLISHED;
        }
        massAction.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .seqNum(nextOutSeqNum)
            .sendingTime(clock.nanoTime())
            .clOrdId(clOrdId)
            .account(account)
            .instrument(instrument)
            .scope(scope)
            .manualOrderIndicator(ManualOrderIndicator.AUTOMATED);
        return sendApplication(MessageHeaderEncoder.ENCODED_LENGTH + massAction.encodedLength());
    }

    /** The null value of an optional order id: identify the order by origClOrdId instead. */
    public static final long NULL_ORDER_ID = OrderCancelRequestEncoder.orderIdNullValue();

    private long sendApplication(final int length)
    {
        final long result = requests.offer(buffer, 0, length);
        if (result > 0)
        {
            nextOutSeqNum++;
            lastSentNs = System.nanoTime();
        }
        return result;
    }

    /** Skip our own sequence numbers forward (e.g. after NotApplied), telling the gateway with Sequence. */
    public long skipTo(final long nextSeqNum)
    {
        nextOutSeqNum = nextSeqNum;
        return sendSequence(KeepAliveLapsed.NOT_LAPSED);
    }

    /** Ask for gateway messages [fromSeqNum, fromSeqNum + count) of {@code lastUuid} (this uuid or the previous). */
    public long retransmitRequest(final long lastUuid, final long fromSeqNum, final int count)
    {
        retransmitRequest.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .uuid(uuid)
            .lastUuid(lastUuid)
            .requestTimestamp(clock.nanoTime())
            .fromSeqNum(fromSeqNum)
            .msgCount(count);
        final long result = requests.offer(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + retransmitRequest.encodedLength());
        if (result > 0)
        {
            lastSentNs = System.nanoTime();
        }
        return result;
    }

    /** Send raw bytes on the session's connection, for tests of the gateway's defences. */
    public long sendRaw(final DirectBuffer bytes, final int offset, final int length)
    {
        return requests.offer(bytes, offset, length);
    }

    /** End the session: Terminate(FINISHED); the gateway answers with Terminate. */
    public void terminate()
    {
        if (requests != null && (state == State.ESTABLISHED || state == State.ESTABLISHING))
        {
            terminate.wrapAndApplyHeader(buffer, 0, headerEncoder)
                .uuid(uuid)
                .requestTimestamp(clock.nanoTime())
                .code(TerminationCode.FINISHED)
                .text("");
            requests.offer(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + terminate.encodedLength());
            state = State.TERMINATED;
        }
    }

    private long sendSequence(final KeepAliveLapsed lapsed)
    {
        sequence.wrapAndApplyHeader(buffer, 0, headerEncoder).uuid(uuid).nextSeqNum(nextOutSeqNum).keepAliveLapsed(lapsed);
        final long result = requests.offer(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + sequence.encodedLength());
        if (result > 0)
        {
            lastSentNs = System.nanoTime();
        }
        return result;
    }

    // ----------------------------------------------------------------------------- receiving

    /** Deliver what the gateway sent and keep the session alive. Never blocks. */
    public int poll()
    {
        if (responses == null)
        {
            return 0;
        }
        final int work = responses.poll(handler, FRAGMENT_LIMIT);
        if (state == State.ESTABLISHED && System.nanoTime() - lastSentNs > TimeUnit.MILLISECONDS.toNanos(ctx.keepAliveIntervalMs))
        {
            sendSequence(KeepAliveLapsed.NOT_LAPSED);
        }
        return work;
    }

    private void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return;
        }
        headerDecoder.wrap(buffer, offset);
        if (headerDecoder.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            return;
        }
        messagesReceived++;
        lastReceivedNs = System.nanoTime();
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = headerDecoder.blockLength();
        final int version = headerDecoder.version();
        switch (headerDecoder.templateId())
        {
            case NegotiationResponseDecoder.TEMPLATE_ID ->
            {
                negotiationResponse.wrap(buffer, body, blockLength, version);
                previousUuid = negotiationResponse.previousUuid();
                previousSeqNum = negotiationResponse.previousSeqNum();
                state = State.ESTABLISHING;
            }
            case NegotiationRejectDecoder.TEMPLATE_ID ->
            {
                negotiationReject.wrap(buffer, body, blockLength, version);
                rejectText = "negotiation rejected: " + negotiationReject.reason() + " " + negotiationReject.text();
                state = State.REJECTED;
            }
            case EstablishmentAckDecoder.TEMPLATE_ID ->
            {
                establishmentAck.wrap(buffer, body, blockLength, version);
                final long next = establishmentAck.nextSeqNum();
                if (next > expectedInSeqNum)
                {
                    listener.onGap(expectedInSeqNum, next);
                }
                expectedInSeqNum = Math.max(expectedInSeqNum, next);
                state = State.ESTABLISHED;
            }
            case EstablishmentRejectDecoder.TEMPLATE_ID ->
            {
                establishmentReject.wrap(buffer, body, blockLength, version);
                rejectText = "establishment rejected: " + establishmentReject.reason() + " " + establishmentReject.text();
                state = State.REJECTED;
            }
            case SequenceDecoder.TEMPLATE_ID ->
            {
                sequenceDecoder.wrap(buffer, body, blockLength, version);
                final long next = sequenceDecoder.nextSeqNum();
                if (next > expectedInSeqNum)
                {
                    listener.onGap(expectedInSeqNum, next);
                    expectedInSeqNum = next;
                }
                if (sequenceDecoder.keepAliveLapsed() == KeepAliveLapsed.LAPSED)
                {
                    sendSequence(KeepAliveLapsed.NOT_LAPSED);
                }
            }
            case TerminateDecoder.TEMPLATE_ID ->
            {
                terminateDecoder.wrap(buffer, body, blockLength, version);
                state = State.TERMINATED;
                listener.onTerminate(terminateDecoder);
            }
            case NotAppliedDecoder.TEMPLATE_ID ->
            {
                notApplied.wrap(buffer, body, blockLength, version);
                listener.onNotApplied(notApplied);
            }
            case RetransmissionDecoder.TEMPLATE_ID ->
            {
                // The replayed messages follow and are delivered as usual, flagged possRetrans.
            }
            case RetransmitRejectDecoder.TEMPLATE_ID ->
            {
                retransmitReject.wrap(buffer, body, blockLength, version);
                listener.onRetransmitReject(retransmitReject);
            }
            case ExecutionReportNewDecoder.TEMPLATE_ID ->
            {
                reportNew.wrap(buffer, body, blockLength, version);
                if (sequenced(reportNew.seqNum(), reportNew.possRetrans()))
                {
                    listener.onNew(reportNew);
                }
            }
            case ExecutionReportTradeDecoder.TEMPLATE_ID ->
            {
                reportTrade.wrap(buffer, body, blockLength, version);
                if (sequenced(reportTrade.seqNum(), reportTrade.possRetrans()))
                {
                    listener.onTrade(reportTrade);
                }
            }
            case ExecutionReportCanceledDecoder.TEMPLATE_ID ->
            {
                reportCanceled.wrap(buffer, body, blockLength, version);
                if (sequenced(reportCanceled.seqNum(), reportCanceled.possRetrans()))
                {
                    listener.onCanceled(reportCanceled);
                }
            }
            case ExecutionReportModifyDecoder.TEMPLATE_ID ->
            {
                reportModify.wrap(buffer, body, blockLength, version);
                if (sequenced(reportModify.seqNum(), reportModify.possRetrans()))
                {
                    listener.onModified(reportModify);
                }
            }
            case ExecutionReportRejectDecoder.TEMPLATE_ID ->
            {
                reportReject.wrap(buffer, body, blockLength, version);
                if (sequenced(reportReject.seqNum(), reportReject.possRetrans()))
                {
                    listener.onRejected(reportReject);
                }
            }
            case OrderCancelRejectDecoder.TEMPLATE_ID ->
            {
                cancelReject.wrap(buffer, body, blockLength, version);
                if (sequenced(cancelReject.seqNum(), cancelReject.possRetrans()))
                {
                    listener.onCancelRejected(cancelReject);
                }
            }
            case OrderMassActionReportDecoder.TEMPLATE_ID ->
            {
                massReport.wrap(buffer, body, blockLength, version);
                if (sequenced(massReport.seqNum(), massReport.possRetrans()))
                {
                    listener.onMassActionReport(massReport);
                }
            }
            case BusinessRejectDecoder.TEMPLATE_ID ->
            {
                businessReject.wrap(buffer, body, blockLength, version);
                if (sequenced(businessReject.seqNum(), businessReject.possRetrans()))
                {
                    listener.onBusinessReject(businessReject);
                }
            }
            default ->
            {
                // A template this client does not know: skipped (Aeron framed it whole).
            }
        }
    }

    /** Track the gateway's series; retransmitted messages are delivered without moving it. */
    private boolean sequenced(final long seqNum, final BooleanType possRetrans)
    {
        if (possRetrans == BooleanType.TRUE)
        {
            return true;
        }
        if (seqNum > expectedInSeqNum)
        {
            listener.onGap(expectedInSeqNum, seqNum);
        }
        if (seqNum >= expectedInSeqNum)
        {
            expectedInSeqNum = seqNum + 1;
        }
        return true;
    }

    // ----------------------------------------------------------------------------- accessors

    public State state()
    {
        return state;
    }

    public long uuid()
    {
        return uuid;
    }

    public long previousUuid()
    {
        return previousUuid;
    }

    public long previousSeqNum()
    {
        return previousSeqNum;
    }

    /** The seqNum our next application message will carry. */
    public long nextSeqNum()
    {
        return nextOutSeqNum;
    }

    /** The gateway seqNum we expect next. */
    public long expectedSeqNum()
    {
        return expectedInSeqNum;
    }

    public long messagesReceived()
    {
        return messagesReceived;
    }

    public long lastReceivedNs()
    {
        return lastReceivedNs;
    }

    /** Why the last connect failed, for people. */
    public String rejectText()
    {
        return rejectText;
    }

    public boolean isConnected()
    {
        return requests != null && requests.isConnected() && state == State.ESTABLISHED;
    }

    private void closeConnection()
    {
        if (requests != null)
        {
            requests.close();
            requests = null;
        }
        if (responses != null)
        {
            responses.close();
            responses = null;
        }
    }

    /** Closes the connection without Terminate (as a crash or a cable pull would). */
    public void close()
    {
        closeConnection();
        state = State.CLOSED;
    }

    /**
     * Where the gateway is, who we are, and how to sign. Defaults in one place; {@link #conclude()} validates.
     */
    public static final class Context
    {
        private Aeron aeron;
        private String gatewayChannel = "aeron:udp?endpoint=127.0.0.1:20121";
        private int gatewayStreamId = 1001;
        private String responseChannel = "aeron:udp?endpoint=127.0.0.1:0";
        private int responseStreamId = 1002;
        private long firmId;
        private String accessKeyId;
        private byte[] secret;
        private long keepAliveIntervalMs = 1_000;
        private boolean cancelOnDisconnect = true;
        private long sendTimeoutNs = TimeUnit.SECONDS.toNanos(5);

        public Context aeron(final Aeron aeron)
        {
            this.aeron = aeron;
            return this;
        }

        public Context gatewayChannel(final String channel)
        {
            this.gatewayChannel = channel;
            return this;
        }

        public Context gatewayStreamId(final int streamId)
        {
            this.gatewayStreamId = streamId;
            return this;
        }

        /** Where the gateway answers; port 0 picks a free port. */
        public Context responseChannel(final String channel)
        {
            this.responseChannel = channel;
            return this;
        }

        public Context responseStreamId(final int streamId)
        {
            this.responseStreamId = streamId;
            return this;
        }

        public Context firmId(final long firmId)
        {
            this.firmId = firmId;
            return this;
        }

        public Context accessKeyId(final String accessKeyId)
        {
            this.accessKeyId = accessKeyId;
            return this;
        }

        public Context secret(final byte[] secret)
        {
            this.secret = secret.clone();
            return this;
        }

        public Context keepAliveIntervalMs(final long intervalMs)
        {
            this.keepAliveIntervalMs = intervalMs;
            return this;
        }

        public Context cancelOnDisconnect(final boolean cancelOnDisconnect)
        {
            this.cancelOnDisconnect = cancelOnDisconnect;
            return this;
        }

        Context conclude()
        {
            if (aeron == null || accessKeyId == null || secret == null)
            {
                throw new IllegalStateException("an order-entry client needs an Aeron client, an access key id and its secret");
            }
            if (accessKeyId.length() > 20 || keepAliveIntervalMs <= 0)
            {
                throw new IllegalStateException("access key ids have at most 20 characters; keep-alive must be positive");
            }
            return this;
        }
    }
}
