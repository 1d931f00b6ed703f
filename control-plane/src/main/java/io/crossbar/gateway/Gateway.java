package io.crossbar.gateway;

import java.util.ArrayList;
import java.util.List;

import io.aeron.Aeron;
import io.aeron.ChannelUri;
import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.logbuffer.ControlledFragmentHandler;
import io.aeron.logbuffer.ControlledFragmentHandler.Action;
import io.aeron.logbuffer.Header;
import io.crossbar.client.SessionSigner;
import io.crossbar.engine.CommandWriter;
import io.crossbar.sbe.journal.InputKind;
import io.crossbar.sbe.journal.InputSource;
import io.crossbar.sbe.orderentry.BooleanType;
import io.crossbar.sbe.orderentry.EstablishDecoder;
import io.crossbar.sbe.orderentry.EstablishmentAckEncoder;
import io.crossbar.sbe.orderentry.EstablishmentRejectEncoder;
import io.crossbar.sbe.orderentry.ExecutionReportCanceledEncoder;
import io.crossbar.sbe.orderentry.ExecutionReportModifyEncoder;
import io.crossbar.sbe.orderentry.ExecutionReportNewEncoder;
import io.crossbar.sbe.orderentry.ExecutionReportRejectEncoder;
import io.crossbar.sbe.orderentry.ExecutionReportTradeEncoder;
import io.crossbar.sbe.orderentry.BusinessRejectEncoder;
import io.crossbar.sbe.orderentry.KeepAliveLapsed;
import io.crossbar.sbe.orderentry.MassCancelScope;
import io.crossbar.sbe.orderentry.MessageHeaderDecoder;
import io.crossbar.sbe.orderentry.MessageHeaderEncoder;
import io.crossbar.sbe.orderentry.NegotiateDecoder;
import io.crossbar.sbe.orderentry.NegotiationRejectEncoder;
import io.crossbar.sbe.orderentry.NegotiationResponseEncoder;
import io.crossbar.sbe.orderentry.NewOrderSingleDecoder;
import io.crossbar.sbe.orderentry.NotAppliedEncoder;
import io.crossbar.sbe.orderentry.OrderCancelRejectEncoder;
import io.crossbar.sbe.orderentry.OrderCancelReplaceRequestDecoder;
import io.crossbar.sbe.orderentry.OrderCancelRequestDecoder;
import io.crossbar.sbe.orderentry.OrderMassActionReportEncoder;
import io.crossbar.sbe.orderentry.OrderMassActionRequestDecoder;
import io.crossbar.sbe.orderentry.Reason;
import io.crossbar.sbe.orderentry.RetransmissionEncoder;
import io.crossbar.sbe.orderentry.RetransmitRejectEncoder;
import io.crossbar.sbe.orderentry.RetransmitRequestDecoder;
import io.crossbar.sbe.orderentry.SequenceDecoder;
import io.crossbar.sbe.orderentry.SequenceEncoder;
import io.crossbar.sbe.orderentry.TerminateDecoder;
import io.crossbar.sbe.orderentry.TerminateEncoder;
import io.crossbar.sbe.orderentry.TerminationCode;
import io.crossbar.sequencer.Sequencer;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The order-entry gateway: one Aeron UDP subscription that every client connection publishes to,
 * iLink 3-style sessions over it (negotiate and establish with HMAC signatures, sequence numbers
 * both ways, heartbeats and keep-alive lapse, terminate, retransmission, cancel-on-disconnect),
 * per-session throttles with a separate cancel budget, duplicate client order id refusal, and
 * the checks that need the session: the firm must own the account.
 * <p>
 * Every application message that passes is journaled by the {@link Sequencer} as a device
 * command; every one that does not is journaled as a gateway reject, and the device driver
 * answers both in journal order, so the session's outbound sequence is the same live and in
 * replay. Session-layer answers (negotiation, establishment, heartbeats, NotApplied) are sent
 * here directly. Malformed frames on a session get a BusinessReject; frames from a connection
 * that never negotiated have no route back and are counted.
 * <p>
 * Runs on the appliance's core thread; allocates only when sessions are set up.
 */
public final class Gateway implements ControlledFragmentHandler
{
    /** Session and throttle settings. */
    public record Config(
        String channel,
        int streamId,
        long maxClockSkewNs,
        long minKeepAliveMs,
        long maxKeepAliveMs,
        long ordersPerSecond,
        long orderBurst,
        long cancelsPerSecond,
        long cancelBurst,
        int maxRetransmit)
    {
        public static Config defaults()
        {
            return new Config("aeron:udp?endpoint=127.0.0.1:20121", 1001, 5_000_000_000L, 100, 60_000, 50_000, 5_000,
                100_000, 10_000, 2_500);
        }

        /** The same settings on another ingress channel. */
        public Config withChannel(final String channel)
        {
            return new Config(channel, streamId, maxClockSkewNs, minKeepAliveMs, maxKeepAliveMs, ordersPerSecond, orderBurst,
                cancelsPerSecond, cancelBurst, maxRetransmit);
        }

        /** The same settings with other per-session throttles. */
        public Config withThrottles(
            final long ordersPerSecond, final long orderBurst, final long cancelsPerSecond, final long cancelBurst)
        {
            return new Config(channel, streamId, maxClockSkewNs, minKeepAliveMs, maxKeepAliveMs, ordersPerSecond, orderBurst,
                cancelsPerSecond, cancelBurst, maxRetransmit);
        }
    }

    private static final int FRAGMENT_LIMIT = 64;
    private static final long HOUSEKEEPING_INTERVAL_NS = 5_000_000L;
    /** The longest route a client may name (Aeron's own limit on a channel is far above any real one). */
    static final int MAX_CHANNEL_LENGTH = 512;
    /** The route's length prefix: the schema's varStringEncoding, the same for Negotiate and Establish. */
    private static final int ROUTE_LENGTH_PREFIX = NegotiateDecoder.responseChannelHeaderLength();

    static
    {
        if (EstablishDecoder.responseChannelHeaderLength() != ROUTE_LENGTH_PREFIX || ROUTE_LENGTH_PREFIX != Integer.BYTES)
        {
            throw new IllegalStateException("orderentry.xml's route encoding changed: update Gateway.responseChannel");
        }
    }
    /** Refusals to senders not yet authenticated that may wait for their publication at once. */
    static final int MAX_PENDING_REPLIES = 16;
    /** The least refusal budget a session has, a second and as a burst (it is otherwise its order budget). */
    public static final int MIN_REFUSALS_PER_SECOND = 1_000;
    /** Journal room a SESSION_OPENED needs, checked before its route is made (one frame, with room to spare). */
    private static final int JOURNAL_ROOM_FOR_A_SESSION = 1_024;
    /** The highest seqNum either side may use: far beyond any session's life, and far from wrapping. */
    static final long MAX_SEQ_NUM = 1L << 62;
    private static final long REPLY_LINGER_NS = 2_000_000_000L;
    private static final int[] POSS_RETRANS_OFFSET = new int[64];

    static
    {
        POSS_RETRANS_OFFSET[ExecutionReportNewEncoder.TEMPLATE_ID] = ExecutionReportNewEncoder.possRetransEncodingOffset();
        POSS_RETRANS_OFFSET[ExecutionReportTradeEncoder.TEMPLATE_ID] = ExecutionReportTradeEncoder.possRetransEncodingOffset();
        POSS_RETRANS_OFFSET[ExecutionReportCanceledEncoder.TEMPLATE_ID] =
            ExecutionReportCanceledEncoder.possRetransEncodingOffset();
        POSS_RETRANS_OFFSET[ExecutionReportModifyEncoder.TEMPLATE_ID] = ExecutionReportModifyEncoder.possRetransEncodingOffset();
        POSS_RETRANS_OFFSET[ExecutionReportRejectEncoder.TEMPLATE_ID] = ExecutionReportRejectEncoder.possRetransEncodingOffset();
        POSS_RETRANS_OFFSET[OrderCancelRejectEncoder.TEMPLATE_ID] = OrderCancelRejectEncoder.possRetransEncodingOffset();
        POSS_RETRANS_OFFSET[OrderMassActionReportEncoder.TEMPLATE_ID] = OrderMassActionReportEncoder.possRetransEncodingOffset();
        POSS_RETRANS_OFFSET[BusinessRejectEncoder.TEMPLATE_ID] = BusinessRejectEncoder.possRetransEncodingOffset();
    }

    private final Config config;
    private final Aeron aeron;
    private final Subscription ingress;
    private final SessionRegistry registry;
    private final Sequencer sequencer;
    private final GatewayCounters counters;
    private final Int2ObjectHashMap<Session> byImage = new Int2ObjectHashMap<>();
    private final List<PendingReply> pendingReplies = new ArrayList<>();
    private SessionOrders sessionOrders = (session) -> 0;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final NegotiateDecoder negotiate = new NegotiateDecoder();
    private final EstablishDecoder establish = new EstablishDecoder();
    private final SequenceDecoder sequence = new SequenceDecoder();
    private final TerminateDecoder terminate = new TerminateDecoder();
    private final RetransmitRequestDecoder retransmitRequest = new RetransmitRequestDecoder();
    private final NewOrderSingleDecoder newOrder = new NewOrderSingleDecoder();
    private final OrderCancelReplaceRequestDecoder replace = new OrderCancelReplaceRequestDecoder();
    private final OrderCancelRequestDecoder cancel = new OrderCancelRequestDecoder();
    private final OrderMassActionRequestDecoder massAction = new OrderMassActionRequestDecoder();
    private final NegotiationResponseEncoder negotiationResponse = new NegotiationResponseEncoder();
    private final NegotiationRejectEncoder negotiationReject = new NegotiationRejectEncoder();
    private final EstablishmentAckEncoder establishmentAck = new EstablishmentAckEncoder();
    private final EstablishmentRejectEncoder establishmentReject = new EstablishmentRejectEncoder();
    private final SequenceEncoder sequenceEncoder = new SequenceEncoder();
    private final TerminateEncoder terminateEncoder = new TerminateEncoder();
    private final NotAppliedEncoder notApplied = new NotAppliedEncoder();
    private final RetransmissionEncoder retransmission = new RetransmissionEncoder();
    private final RetransmitRejectEncoder retransmitReject = new RetransmitRejectEncoder();
    private final CommandWriter commands = new CommandWriter();
    private final UnsafeBuffer command = new UnsafeBuffer(new byte[CommandWriter.RECORD_LENGTH]);
    private final UnsafeBuffer out = new UnsafeBuffer(new byte[1024]);
    private final byte[] signature = new byte[SessionSigner.SIGNATURE_LENGTH];

    private long nowNs;
    private long nextHousekeepingNs;
    private int fragmentEnd; // the end of the fragment being handled, for variable-length fields
    private Throttle acquired; // the budget the message being handled has taken a token from
    private boolean ingressHeldBack; // a frame of this poll was given back (ABORT) to be delivered again
    private boolean deviceUnavailable;

    public Gateway(
        final Config config, final Aeron aeron, final SessionRegistry registry, final Sequencer sequencer)
    {
        this.config = config;
        this.aeron = aeron;
        this.registry = registry;
        this.sequencer = sequencer;
        this.ingress = aeron.addSubscription(config.channel(), config.streamId());
        this.counters = new GatewayCounters(aeron);
    }

    public void sessionOrders(final SessionOrders sessionOrders)
    {
        this.sessionOrders = sessionOrders;
    }

    public GatewayCounters counters()
    {
        return counters;
    }

    /** The card stopped answering: refuse new requests with DEVICE_UNAVAILABLE until restart. */
    public void deviceUnavailable()
    {
        this.deviceUnavailable = true;
    }

    /** One duty cycle: read client messages, then keep-alives and pending replies. */
    public int doWork(final long nowNs)
    {
        this.nowNs = nowNs;
        ingressHeldBack = false;
        final int fragments = ingress.controlledPoll(this, FRAGMENT_LIMIT);
        int work = fragments + registry.flushBackPressured(nowNs);
        // Housekeeping runs on time even while a sender keeps the ingress full: closed
        // connections (cancel on disconnect), pending replies and heartbeats cannot wait on a
        // flood. Only the keep-alive lapse waits until the ingress is drained: after a stall of
        // this thread, messages still queued would otherwise count as a client's silence.
        if (nowNs >= nextHousekeepingNs)
        {
            nextHousekeepingNs = nowNs + HOUSEKEEPING_INTERVAL_NS;
            work += housekeeping(fragments < FRAGMENT_LIMIT && !ingressHeldBack);
        }
        return work;
    }

    public void close()
    {
        for (final PendingReply reply : pendingReplies)
        {
            reply.close();
        }
        for (final Session session : registry.sessions())
        {
            session.disconnect();
        }
        CloseHelper.quietClose(ingress);
        CloseHelper.quietClose(counters);
    }

    // ------------------------------------------------------------------------------- ingress

    public Action onFragment(final DirectBuffer buffer, final int offset, final int length, final Header aeronHeader)
    {
        counters.messagesIn.incrementRelease();
        acquired = null;
        final Session session = byImage.get(aeronHeader.sessionId());
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return malformed(session, 0, 0, "message shorter than the SBE header");
        }
        header.wrap(buffer, offset);
        final int templateId = header.templateId();
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            return malformed(session, templateId, 0, "not the order-entry schema");
        }
        final int blockLength = header.blockLength();
        final int version = header.version();
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        if (MessageHeaderDecoder.ENCODED_LENGTH + blockLength > length)
        {
            return malformed(session, templateId, 0, "block length beyond the message");
        }
        // A block shorter than the fields of the version it claims would have its missing fields
        // read from whatever follows it in the term: the next frame's header and payload.
        if (blockLength < minimumBlockLength(templateId, version))
        {
            return malformed(session, templateId, 0, "block length shorter than the message's fields");
        }
        if (version > MessageHeaderDecoder.SCHEMA_VERSION)
        {
            // Admission is a policy (docs/protocol.md): a field this gateway does not know must not be ignored.
            counters.malformedFrames.incrementRelease();
            return session == null || session.state() == Session.State.TERMINATED ? Action.CONTINUE :
                gatewayReject(session, templateId, session.state() == Session.State.ESTABLISHED ?
                    instructionSeqNum(templateId, buffer, body, blockLength) : 0, 0, 0, Reason.UNSUPPORTED_VERSION, false);
        }
        fragmentEnd = offset + length;
        try
        {
            final Action action = switch (templateId)
            {
                case NegotiateDecoder.TEMPLATE_ID -> onNegotiate(buffer, body, blockLength, version, aeronHeader.sessionId());
                case EstablishDecoder.TEMPLATE_ID -> onEstablish(buffer, body, blockLength, version, aeronHeader.sessionId());
                case SequenceDecoder.TEMPLATE_ID -> onSequence(session, buffer, body, blockLength, version);
                case TerminateDecoder.TEMPLATE_ID -> onTerminate(session, buffer, body, blockLength, version);
                case RetransmitRequestDecoder.TEMPLATE_ID -> onRetransmitRequest(session, buffer, body, blockLength, version);
                case NewOrderSingleDecoder.TEMPLATE_ID -> onNewOrder(session, buffer, body, blockLength, version);
                case OrderCancelReplaceRequestDecoder.TEMPLATE_ID -> onReplace(session, buffer, body, blockLength, version);
                case OrderCancelRequestDecoder.TEMPLATE_ID -> onCancel(session, buffer, body, blockLength, version);
                case OrderMassActionRequestDecoder.TEMPLATE_ID -> onMassAction(session, buffer, body, blockLength, version);
                default -> malformed(session, templateId, 0, "unknown template");
            };
            if (action == Action.ABORT)
            {
                ingressHeldBack = true; // the ingress is not drained: its frames wait on the journal
            }
            return action;
        }
        catch (final RuntimeException ex)
        {
            // A field beyond the frame, or an enumeration value the schema does not have: whatever
            // a decoder throws on a client's bytes is that client's malformed message, never the
            // core thread's failure. An instruction's seqNum (its first field) was readable: the
            // refusal names it and the expected seqNum moves past it, so that the client's next
            // message is not reported as a gap.
            return malformed(session, templateId, instructionSeqNum(templateId, buffer, body, blockLength),
                "field beyond the message or value out of range");
        }
    }

    /**
     * How many stored messages the session's connection can take now after a Retransmission, at
     * the most each can take (a slot, with its frame header and alignment).
     */
    private static long roomFor(final Session session)
    {
        final ExclusivePublication publication = session.publication();
        final long perMessage = OutboundLog.SLOT_LENGTH + 64;
        return publication == null ? 0 : Math.max(0, publication.availableWindow() / perMessage - 1);
    }

    private static boolean isInstruction(final int templateId)
    {
        return templateId == NewOrderSingleDecoder.TEMPLATE_ID || templateId == OrderCancelReplaceRequestDecoder.TEMPLATE_ID ||
            templateId == OrderCancelRequestDecoder.TEMPLATE_ID || templateId == OrderMassActionRequestDecoder.TEMPLATE_ID;
    }

    /**
     * The shortest block a message may have at the version it claims: the end of its last field
     * that the version has. Only the instructions (one field appended in version 1) and the
     * session messages admitted from version 2 have versions to tell apart.
     */
    private static int minimumBlockLength(final int templateId, final int version)
    {
        return switch (templateId)
        {
            case NegotiateDecoder.TEMPLATE_ID -> version < 2 ? 0 : NegotiateDecoder.BLOCK_LENGTH; // below 2: refused as such
            case EstablishDecoder.TEMPLATE_ID -> version < 2 ? 0 : EstablishDecoder.BLOCK_LENGTH;
            case SequenceDecoder.TEMPLATE_ID -> SequenceDecoder.BLOCK_LENGTH;
            case TerminateDecoder.TEMPLATE_ID -> TerminateDecoder.BLOCK_LENGTH;
            case RetransmitRequestDecoder.TEMPLATE_ID -> RetransmitRequestDecoder.BLOCK_LENGTH;
            case NewOrderSingleDecoder.TEMPLATE_ID -> version < 1 ?
                NewOrderSingleDecoder.manualOrderIndicatorEncodingOffset() : NewOrderSingleDecoder.BLOCK_LENGTH;
            case OrderCancelReplaceRequestDecoder.TEMPLATE_ID -> version < 1 ?
                OrderCancelReplaceRequestDecoder.manualOrderIndicatorEncodingOffset() :
                OrderCancelReplaceRequestDecoder.BLOCK_LENGTH;
            case OrderCancelRequestDecoder.TEMPLATE_ID -> version < 1 ?
                OrderCancelRequestDecoder.manualOrderIndicatorEncodingOffset() : OrderCancelRequestDecoder.BLOCK_LENGTH;
            case OrderMassActionRequestDecoder.TEMPLATE_ID -> version < 1 ?
                OrderMassActionRequestDecoder.manualOrderIndicatorEncodingOffset() :
                OrderMassActionRequestDecoder.BLOCK_LENGTH;
            default -> 0; // an unknown template is refused as such
        };
    }

    /**
     * The route a Negotiate or Establish names, once its length prefix has been checked against
     * the frame: a client's length is never trusted to size an allocation.
     *
     * @return the channel, or null when its length runs past the frame or past {@link #MAX_CHANNEL_LENGTH}.
     */
    private String responseChannel(final DirectBuffer buffer, final int limit)
    {
        if (limit + ROUTE_LENGTH_PREFIX > fragmentEnd)
        {
            return null;
        }
        final long length = buffer.getInt(limit, java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL; // uint32, as SBE writes it
        if (length > MAX_CHANNEL_LENGTH || limit + ROUTE_LENGTH_PREFIX + length > fragmentEnd)
        {
            return null;
        }
        return buffer.getStringWithoutLengthUtf8(limit + ROUTE_LENGTH_PREFIX, (int)length);
    }

    private Action malformed(final Session session, final int templateId, final long seqNum, final String why)
    {
        counters.malformedFrames.incrementRelease();
        if (session == null || session.state() == Session.State.TERMINATED)
        {
            return Action.CONTINUE;
        }
        // Only an established session has a sequence for the refusal's seqNum to move.
        return gatewayReject(session, templateId, session.state() == Session.State.ESTABLISHED ? seqNum : 0, 0, 0,
            Reason.MALFORMED_MESSAGE, false);
    }

    /** An instruction's seqNum (its first field), when the block holds it and it is in range; else 0. */
    private static long instructionSeqNum(
        final int templateId, final DirectBuffer buffer, final int body, final int blockLength)
    {
        final long seqNum = isInstruction(templateId) && blockLength >= Long.BYTES ?
            buffer.getLong(body, java.nio.ByteOrder.LITTLE_ENDIAN) : 0;
        return seqNum > 0 && seqNum <= MAX_SEQ_NUM ? seqNum : 0;
    }

    // ------------------------------------------------------------------------ session layer

    private Action onNegotiate(
        final DirectBuffer buffer, final int body, final int blockLength, final int version, final int imageSessionId)
    {
        if (version < 2)
        {
            counters.negotiationsRejected.incrementRelease();
            counters.malformedFrames.incrementRelease();
            return Action.CONTINUE;
        }
        negotiate.wrap(buffer, body, blockLength, version);
        final long uuid = negotiate.uuid();
        final long requestTimestamp = negotiate.requestTimestamp();
        final long firmId = negotiate.firmId();
        final String accessKeyId = negotiate.accessKeyId();
        negotiate.getHmacSignature(signature, 0, signature.length);
        final int flags = negotiate.clientFlags().getRaw() & 3;
        final int responseStreamId = negotiate.responseStreamId();
        final String responseChannel =
            responseChannel(buffer, negotiate.limit());
        if (responseChannel == null)
        {
            counters.negotiationsRejected.incrementRelease();
            counters.malformedFrames.incrementRelease();
            return Action.CONTINUE; // no route to answer on: counted, as a Negotiate below version 2 is
        }

        final FirmState firm = registry.firm(firmId);
        final String refusal;
        Reason reason = Reason.NOT_AUTHENTICATED;
        if (firm == null || !firm.spec().accessKeyId().equals(accessKeyId))
        {
            refusal = "unknown firm or access key";
        }
        else if (!SessionSigner.matches(firm.signer().signNegotiate(
            requestTimestamp, uuid, firmId, accessKeyId, responseStreamId, responseChannel), signature))
        {
            refusal = "signature does not match the access key";
        }
        else if (Math.abs(requestTimestamp - nowNs) > config.maxClockSkewNs())
        {
            refusal = "request timestamp outside the clock-skew window";
        }
        else if (registry.session(uuid) != null)
        {
            refusal = "uuid already negotiated";
            reason = Reason.NOT_PERMITTED;
        }
        else if (!firm.negotiations().tryAcquire(nowNs))
        {
            refusal = "too many new sessions for this firm: at most " + FirmState.NEGOTIATIONS_PER_SECOND +
                " a second, bursts of " + FirmState.NEGOTIATION_BURST;
            reason = Reason.THROTTLED;
        }
        else
        {
            refusal = null;
        }

        if (refusal != null)
        {
            counters.negotiationsRejected.incrementRelease();
            negotiationReject.wrapAndApplyHeader(out, 0, headerEncoder)
                .uuid(uuid)
                .requestTimestamp(requestTimestamp)
                .reason(reason)
                .text(refusal);
            replyOnce(responseChannel, responseStreamId, MessageHeaderEncoder.ENCODED_LENGTH + negotiationReject.encodedLength());
            return Action.CONTINUE;
        }

        // The route first: a route the media driver refuses (signed, but unusable) must leave no
        // session behind, nothing journaled, and the uuid free to negotiate again.
        if (sequencer.publication().availableWindow() < JOURNAL_ROOM_FOR_A_SESSION)
        {
            // The journal pushes back: try again when it has room, before making the route
            // (a publication per redelivery would be a driver round trip each duty cycle).
            counters.journalBackPressure.incrementRelease();
            firm.negotiations().refund();
            return Action.ABORT;
        }
        final ExclusivePublication publication = routeOrNull(responseChannel, responseStreamId);
        if (publication == null)
        {
            counters.negotiationsRejected.incrementRelease();
            return Action.CONTINUE;
        }
        final long position = sequencer.append(InputKind.SESSION_OPENED, InputSource.SESSION, uuid, firmId, 0, 0, 0,
            NegotiateDecoder.TEMPLATE_ID, 0, flags, null, 0);
        if (position < 0)
        {
            counters.journalBackPressure.incrementRelease();
            CloseHelper.quietClose(publication);
            firm.negotiations().refund(); // delivered again, and counted then
            return Action.ABORT;
        }
        final Session session = registry.opened(uuid, firmId, flags, true);
        final long previousUuid = session.previousUuid();
        final Session previous = previousUuid == 0 ? null : registry.session(previousUuid);
        session.connect(publication, imageSessionId, 1_000_000_000L, nowNs);
        session.routeChannel(responseChannel, responseStreamId);
        byImage.put(imageSessionId, session);
        counters.negotiationsAccepted.incrementRelease();

        negotiationResponse.wrapAndApplyHeader(out, 0, headerEncoder)
            .uuid(uuid)
            .requestTimestamp(requestTimestamp)
            .previousUuid(previousUuid)
            .previousSeqNum(previous == null ? 0 : previous.nextOutSeqNum() - 1)
            .firmId(firmId);
        negotiationResponse.acceptedFlags().clear().cancelOnDisconnect((flags & 1) != 0).cancelOnTerminate((flags & 2) != 0);
        replyOnSession(session, MessageHeaderEncoder.ENCODED_LENGTH + negotiationResponse.encodedLength());
        return Action.CONTINUE;
    }

    private Action onEstablish(
        final DirectBuffer buffer, final int body, final int blockLength, final int version, final int imageSessionId)
    {
        if (version < 2)
        {
            counters.establishmentsRejected.incrementRelease();
            counters.malformedFrames.incrementRelease();
            return Action.CONTINUE;
        }
        establish.wrap(buffer, body, blockLength, version);
        final long uuid = establish.uuid();
        final long requestTimestamp = establish.requestTimestamp();
        final long nextSeqNum = establish.nextSeqNum();
        final long firmId = establish.firmId();
        final long keepAliveMs = establish.keepAliveIntervalMs();
        final String accessKeyId = establish.accessKeyId();
        establish.getHmacSignature(signature, 0, signature.length);
        final int responseStreamId = establish.responseStreamId();
        final String responseChannel =
            responseChannel(buffer, establish.limit());
        if (responseChannel == null)
        {
            counters.establishmentsRejected.incrementRelease();
            counters.malformedFrames.incrementRelease();
            return Action.CONTINUE;
        }

        final Session session = registry.session(uuid);
        Reason reason = Reason.NOT_AUTHENTICATED;
        String refusal = null;
        if (session == null || session.firm().spec().id() != firmId)
        {
            refusal = "uuid not negotiated";
            reason = Reason.UNKNOWN_SESSION;
        }
        else if (!session.firm().spec().accessKeyId().equals(accessKeyId) ||
            !SessionSigner.matches(session.firm().signer().signEstablish(requestTimestamp, uuid,
                firmId, accessKeyId, responseStreamId, responseChannel, nextSeqNum, keepAliveMs), signature))
        {
            refusal = "signature does not match the access key";
        }
        else if (Math.abs(requestTimestamp - nowNs) > config.maxClockSkewNs())
        {
            refusal = "request timestamp outside the clock-skew window";
        }
        else if (session.state() == Session.State.TERMINATED)
        {
            refusal = "session instance was terminated; negotiate a new uuid";
            reason = Reason.UNKNOWN_SESSION;
        }
        else if (keepAliveMs < config.minKeepAliveMs() || keepAliveMs > config.maxKeepAliveMs())
        {
            refusal = "keep-alive interval outside " + config.minKeepAliveMs() + ".." + config.maxKeepAliveMs() + " ms";
            reason = Reason.NOT_PERMITTED;
        }
        else if (nextSeqNum < session.nextInSeqNum())
        {
            refusal = "nextSeqNum below the next expected " + session.nextInSeqNum();
            reason = Reason.SEQUENCE_GAP;
        }
        else if (nextSeqNum > MAX_SEQ_NUM)
        {
            refusal = "nextSeqNum above " + MAX_SEQ_NUM;
            reason = Reason.NOT_PERMITTED;
        }

        if (refusal != null)
        {
            counters.establishmentsRejected.incrementRelease();
            establishmentReject.wrapAndApplyHeader(out, 0, headerEncoder)
                .uuid(uuid)
                .requestTimestamp(requestTimestamp)
                .nextSeqNum(session == null ? 1 : session.nextInSeqNum())
                .reason(reason)
                .text(refusal);
            replyOnce(responseChannel, responseStreamId, MessageHeaderEncoder.ENCODED_LENGTH + establishmentReject.encodedLength());
            return Action.CONTINUE;
        }

        final ExclusivePublication publication = session.isConnected() && session.routeMatches(responseChannel, responseStreamId) ?
            session.publication() : routeOrNull(responseChannel, responseStreamId);
        if (publication == null)
        {
            counters.establishmentsRejected.incrementRelease();
            return Action.CONTINUE; // a route the media driver refuses: the session stays as it was
        }
        if (session.imageSessionId() != Session.NO_IMAGE && session.imageSessionId() != imageSessionId)
        {
            unbindImage(session);
        }
        session.log().ensureAllocated(); // here, with the session's set-up, not with its first report
        session.connect(publication, imageSessionId, keepAliveMs * 1_000_000L, nowNs);
        session.routeChannel(responseChannel, responseStreamId);
        if (session.orderThrottle() == null)
        {
            // Once per session: a re-Establish must not hand back a full burst.
            // Retransmission: messages a second, bursts of one full request (a request costs what it asks for).
            session.throttles(
                new Throttle(config.ordersPerSecond(), config.orderBurst(), nowNs),
                new Throttle(config.cancelsPerSecond(), config.cancelBurst(), nowNs),
                new Throttle(config.maxRetransmit(), config.maxRetransmit(), nowNs));
        }
        session.nextInSeqNum(nextSeqNum);
        session.state(Session.State.ESTABLISHED);
        byImage.put(imageSessionId, session);

        final long previousUuid = session.previousUuid();
        final Session previous = previousUuid == 0 ? null : registry.session(previousUuid);
        establishmentAck.wrapAndApplyHeader(out, 0, headerEncoder)
            .uuid(uuid)
            .requestTimestamp(requestTimestamp)
            .nextSeqNum(session.nextOutSeqNum())
            .previousSeqNum(previous == null ? 0 : previous.nextOutSeqNum() - 1)
            .previousUuid(previousUuid)
            .keepAliveIntervalMs(keepAliveMs);
        replyOnSession(session, MessageHeaderEncoder.ENCODED_LENGTH + establishmentAck.encodedLength());
        return Action.CONTINUE;
    }

    private Action onSequence(
        final Session session, final DirectBuffer buffer, final int body, final int blockLength, final int version)
    {
        if (!isEstablished(session))
        {
            counters.unauthenticatedFrames.incrementRelease(); // a session message before Establish: counted, not acted on
            return Action.CONTINUE;
        }
        if (!refusalBudget(session).tryAcquire(nowNs))
        {
            // A heartbeat is due once a keep-alive interval: a flood of them is abuse, not liveness.
            endForViolation(session, "too many Sequence messages: more than the order budget a second");
            return Action.CONTINUE;
        }
        sequence.wrap(buffer, body, blockLength, version);
        session.received(nowNs);
        final long next = sequence.nextSeqNum();
        if (next > MAX_SEQ_NUM)
        {
            return malformed(session, SequenceDecoder.TEMPLATE_ID, 0, "nextSeqNum out of range");
        }
        if (next > session.nextInSeqNum())
        {
            session.nextInSeqNum(next);
        }
        if (sequence.keepAliveLapsed() == KeepAliveLapsed.LAPSED)
        {
            sendSequence(session, KeepAliveLapsed.NOT_LAPSED);
        }
        return Action.CONTINUE;
    }

    private Action onTerminate(
        final Session session, final DirectBuffer buffer, final int body, final int blockLength, final int version)
    {
        if (session == null || session.state() == Session.State.TERMINATED)
        {
            return Action.CONTINUE;
        }
        terminate.wrap(buffer, body, blockLength, version);
        sendTerminate(session, TerminationCode.FINISHED, "");
        if (session.cancelOnTerminate())
        {
            sessionOrders.cancelAll(session);
        }
        session.state(Session.State.TERMINATED);
        unbindImage(session);
        session.disconnect();
        return Action.CONTINUE;
    }

    private Action onRetransmitRequest(
        final Session session, final DirectBuffer buffer, final int body, final int blockLength, final int version)
    {
        if (!isEstablished(session))
        {
            counters.unauthenticatedFrames.incrementRelease(); // a session message before Establish: counted, not acted on
            return Action.CONTINUE;
        }
        session.received(nowNs);
        counters.retransmitRequests.incrementRelease();
        retransmitRequest.wrap(buffer, body, blockLength, version);
        final long lastUuid = retransmitRequest.lastUuid();
        final long from = retransmitRequest.fromSeqNum();
        final long asked = retransmitRequest.msgCount();
        final Session source = registry.session(lastUuid);
        // Served from the first asked for, as many as the connection can take now (the
        // Retransmission says how many follow; the client asks again for the rest).
        final long count = Math.min(asked, roomFor(session));
        final Throttle budget = session.retransmitThrottle();
        final String refusal;
        Reason reason = Reason.NOT_PERMITTED;
        if (source == null || source.firm() != session.firm())
        {
            refusal = "unknown session instance";
        }
        else if (asked > config.maxRetransmit())
        {
            refusal = "at most " + config.maxRetransmit() + " messages per request";
        }
        else if (!source.log().holds(from, asked))
        {
            refusal = "messages not held (next seqNum " + source.nextOutSeqNum() + ")";
        }
        else if (count < 1)
        {
            // A replay pushed back part way would promise msgCount messages and deliver fewer.
            refusal = "the connection cannot take a message now: ask again later";
            reason = Reason.THROTTLED;
        }
        else if (!budget.tryAcquire(nowNs, count))
        {
            refusal = "at most " + config.maxRetransmit() + " retransmitted messages a second";
            reason = Reason.THROTTLED;
        }
        else
        {
            refusal = null;
        }
        if (refusal != null)
        {
            retransmitReject.wrapAndApplyHeader(out, 0, headerEncoder)
                .uuid(session.uuid())
                .lastUuid(lastUuid)
                .requestTimestamp(retransmitRequest.requestTimestamp())
                .reason(reason)
                .text(refusal);
            session.sendSession(out, 0, MessageHeaderEncoder.ENCODED_LENGTH + retransmitReject.encodedLength(), nowNs);
            return Action.CONTINUE;
        }
        retransmission.wrapAndApplyHeader(out, 0, headerEncoder)
            .uuid(session.uuid())
            .lastUuid(lastUuid)
            .requestTimestamp(retransmitRequest.requestTimestamp())
            .fromSeqNum(from)
            .msgCount(count);
        session.sendSession(out, 0, MessageHeaderEncoder.ENCODED_LENGTH + retransmission.encodedLength(), nowNs);
        final OutboundLog log = source.log();
        for (long seqNum = from; seqNum < from + count; seqNum++)
        {
            final int length = log.length(seqNum);
            if (length < 0)
            {
                continue;
            }
            out.putBytes(0, log.buffer(), log.offset(seqNum), length);
            final int templateId = out.getShort(2) & 0xFFFF;
            if (templateId < POSS_RETRANS_OFFSET.length && POSS_RETRANS_OFFSET[templateId] != 0)
            {
                out.putByte(MessageHeaderEncoder.ENCODED_LENGTH + POSS_RETRANS_OFFSET[templateId],
                    (byte)BooleanType.TRUE.value());
            }
            session.sendSession(out, 0, length, nowNs);
        }
        return Action.CONTINUE;
    }

    // -------------------------------------------------------------------- application layer

    private Action onNewOrder(
        final Session session, final DirectBuffer buffer, final int body, final int blockLength, final int version)
    {
        if (session == null)
        {
            counters.unauthenticatedFrames.incrementRelease();
            return Action.CONTINUE;
        }
        newOrder.wrap(buffer, body, blockLength, version);
        final long seqNum = newOrder.seqNum();
        final long clOrdId = newOrder.clOrdId();
        final int account = (int)newOrder.account();
        commands.newOrder(command, 0, 0, account, (int)newOrder.instrument(), newOrder.sideRaw(), newOrder.orderTypeRaw(),
            newOrder.timeInForceRaw(), newOrder.flags().getRaw() & 0xFF, newOrder.stpModeRaw(), newOrder.price(),
            newOrder.quantity(), newOrder.displayQuantity());
        final Reason refusal = check(session, seqNum, account, clOrdId, session.orderThrottle());
        if (refusal != null)
        {
            return gatewayReject(session, NewOrderSingleDecoder.TEMPLATE_ID, seqNum, clOrdId, 0, refusal, true);
        }
        final long position = sequencer.append(InputKind.NEW_ORDER, InputSource.SESSION, session.uuid(),
            session.firm().spec().id(), clOrdId, 0, seqNum, NewOrderSingleDecoder.TEMPLATE_ID, 0, 0, command, 0);
        return accepted(session, seqNum, clOrdId, position);
    }

    private Action onReplace(
        final Session session, final DirectBuffer buffer, final int body, final int blockLength, final int version)
    {
        if (session == null)
        {
            counters.unauthenticatedFrames.incrementRelease();
            return Action.CONTINUE;
        }
        replace.wrap(buffer, body, blockLength, version);
        final long seqNum = replace.seqNum();
        final long clOrdId = replace.clOrdId();
        final int account = (int)replace.account();
        final long orderId = replace.orderId() == OrderCancelReplaceRequestDecoder.orderIdNullValue() ? 0 : replace.orderId();
        commands.modify(command, 0, 0, account, (int)replace.instrument(), orderId, replace.price(), replace.quantity());
        final Reason refusal = check(session, seqNum, account, clOrdId, session.orderThrottle());
        if (refusal != null)
        {
            return gatewayReject(session, OrderCancelReplaceRequestDecoder.TEMPLATE_ID, seqNum, clOrdId,
                replace.origClOrdId(), refusal, true);
        }
        final long position = sequencer.append(InputKind.MODIFY, InputSource.SESSION, session.uuid(),
            session.firm().spec().id(), clOrdId, replace.origClOrdId(), seqNum, OrderCancelReplaceRequestDecoder.TEMPLATE_ID,
            0, 0, command, 0);
        return accepted(session, seqNum, clOrdId, position);
    }

    private Action onCancel(
        final Session session, final DirectBuffer buffer, final int body, final int blockLength, final int version)
    {
        if (session == null)
        {
            counters.unauthenticatedFrames.incrementRelease();
            return Action.CONTINUE;
        }
        cancel.wrap(buffer, body, blockLength, version);
        final long seqNum = cancel.seqNum();
        final long clOrdId = cancel.clOrdId();
        final int account = (int)cancel.account();
        final long orderId = cancel.orderId() == OrderCancelRequestDecoder.orderIdNullValue() ? 0 : cancel.orderId();
        commands.cancel(command, 0, 0, account, (int)cancel.instrument(), orderId);
        final Reason refusal = check(session, seqNum, account, clOrdId, session.cancelThrottle());
        if (refusal != null)
        {
            return gatewayReject(session, OrderCancelRequestDecoder.TEMPLATE_ID, seqNum, clOrdId, cancel.origClOrdId(),
                refusal, true);
        }
        final long position = sequencer.append(InputKind.CANCEL, InputSource.SESSION, session.uuid(),
            session.firm().spec().id(), clOrdId, cancel.origClOrdId(), seqNum, OrderCancelRequestDecoder.TEMPLATE_ID, 0, 0,
            command, 0);
        return accepted(session, seqNum, clOrdId, position);
    }

    private Action onMassAction(
        final Session session, final DirectBuffer buffer, final int body, final int blockLength, final int version)
    {
        if (session == null)
        {
            counters.unauthenticatedFrames.incrementRelease();
            return Action.CONTINUE;
        }
        massAction.wrap(buffer, body, blockLength, version);
        final long seqNum = massAction.seqNum();
        final long clOrdId = massAction.clOrdId();
        final int account = (int)massAction.account();
        final short scopeRaw = massAction.scopeRaw();
        final io.crossbar.sbe.device.MassCancelScope deviceScope = io.crossbar.sbe.device.MassCancelScope.get(massAction.scopeRaw());
        commands.massCancel(command, 0, 0, deviceScope == io.crossbar.sbe.device.MassCancelScope.NULL_VAL ?
            io.crossbar.sbe.device.MassCancelScope.ACCOUNT : deviceScope, account, (int)massAction.instrument());
        if (deviceScope == io.crossbar.sbe.device.MassCancelScope.NULL_VAL)
        {
            command.putByte(9, (byte)massAction.scopeRaw());
        }
        Reason refusal = check(session, seqNum, account, clOrdId, session.cancelThrottle());
        if (refusal == null && scopeRaw == MassCancelScope.INSTRUMENT.value())
        {
            refusal = Reason.NOT_PERMITTED;
            counters.notPermitted.incrementRelease();
        }
        if (refusal != null)
        {
            return gatewayReject(session, OrderMassActionRequestDecoder.TEMPLATE_ID, seqNum, clOrdId, 0, refusal, true);
        }
        final long position = sequencer.append(InputKind.MASS_CANCEL, InputSource.SESSION, session.uuid(),
            session.firm().spec().id(), clOrdId, 0, seqNum, OrderMassActionRequestDecoder.TEMPLATE_ID, 0, 0, command, 0);
        return accepted(session, seqNum, clOrdId, position);
    }

    /** The checks every application message passes, in order; null when it passes. */
    private Reason check(
        final Session session, final long seqNum, final int account, final long clOrdId, final Throttle throttle)
    {
        acquired = null;
        if (session.state() != Session.State.ESTABLISHED)
        {
            return Reason.NOT_AUTHENTICATED;
        }
        session.received(nowNs);
        // seqNum is unsigned on the wire: one at or above 2^63 reads as negative here, and one
        // near 2^63 would make the next expected wrap negative, after which no stale seqNum is
        // caught. Both are refused as a sequence error.
        if (seqNum < session.nextInSeqNum() || seqNum > MAX_SEQ_NUM)
        {
            counters.sequenceGaps.incrementRelease();
            return Reason.SEQUENCE_GAP;
        }
        if (deviceUnavailable)
        {
            return Reason.DEVICE_UNAVAILABLE;
        }
        if (!throttle.tryAcquire(nowNs))
        {
            counters.throttled.incrementRelease();
            return Reason.THROTTLED;
        }
        acquired = throttle;
        if (!session.firm().spec().owns(account))
        {
            counters.notPermitted.incrementRelease();
            return Reason.NOT_PERMITTED;
        }
        if (session.firm().isClOrdIdUsed(clOrdId))
        {
            counters.duplicateClOrdIds.incrementRelease();
            return Reason.DUPLICATE_CLIENT_ORDER_ID;
        }
        if (!session.firm().hasRoomForClOrdId(clOrdId))
        {
            counters.notPermitted.incrementRelease(); // a day's client order ids, scattered past the set's bound
            return Reason.NOT_PERMITTED;
        }
        return null;
    }

    private Action accepted(final Session session, final long seqNum, final long clOrdId, final long position)
    {
        if (position < 0)
        {
            counters.journalBackPressure.incrementRelease();
            refundAcquired();
            return Action.ABORT;
        }
        session.firm().useClOrdId(clOrdId);
        advanceInbound(session, seqNum);
        return Action.CONTINUE;
    }

    /**
     * Journal a refusal; the device driver answers it in journal order. The device record keeps the
     * request's fields (price, quantity, account, ...) for the answer.
     */
    private Action gatewayReject(
        final Session session,
        final int templateId,
        final long seqNum,
        final long clOrdId,
        final long origClOrdId,
        final Reason reason,
        final boolean withCommand)
    {
        // Every refusal is journaled and answered: a session that sends what must be refused
        // (junk, stale seqNums, over its budget) faster than its order budget for longer than a
        // burst is ended, rather than let it write to the journal at line rate.
        final Throttle refusals = refusalBudget(session);
        if (!refusals.tryAcquire(nowNs))
        {
            endForViolation(session, "too many refused messages: more than the order budget a second");
            return Action.CONTINUE;
        }
        final long position = sequencer.append(InputKind.GATEWAY_REJECT, InputSource.SESSION, session.uuid(),
            session.firm().spec().id(), clOrdId, origClOrdId, seqNum, templateId, reason.value(), 0,
            withCommand ? command : null, 0);
        if (position < 0)
        {
            counters.journalBackPressure.incrementRelease();
            refundAcquired();
            refusals.refund(); // delivered again and refused again: it costs once
            return Action.ABORT;
        }
        if (refusalConsumesSeqNum(reason.value()) && seqNum > 0)
        {
            advanceInbound(session, seqNum);
        }
        return Action.CONTINUE;
    }

    /** The session's budget for what the gateway must refuse or answer without an order (see gatewayReject). */
    private Throttle refusalBudget(final Session session)
    {
        Throttle refusals = session.refusalThrottle();
        if (refusals == null)
        {
            refusals = new Throttle(Math.max(MIN_REFUSALS_PER_SECOND, config.ordersPerSecond()),
                Math.max(MIN_REFUSALS_PER_SECOND, config.orderBurst()), nowNs);
            session.refusalThrottle(refusals);
        }
        return refusals;
    }

    /**
     * End a session for abuse: Terminate(PROTOCOL_VIOLATION) with the reason, and cancel on
     * terminate applies as when the client ends it (and cancel on disconnect, since the
     * connection goes too).
     */
    private void endForViolation(final Session session, final String why)
    {
        counters.disconnects.incrementRelease();
        sendTerminate(session, TerminationCode.PROTOCOL_VIOLATION, why);
        if (session.cancelOnTerminate() || session.cancelOnDisconnect())
        {
            sessionOrders.cancelAll(session);
        }
        session.state(Session.State.TERMINATED);
        unbindImage(session);
        session.disconnect();
    }

    /**
     * Whether a refused message's seqNum counts as received: not when the refusal is of the seqNum
     * itself (stale, or out of range) or of a session not established. The one rule for the
     * gateway live and for the device driver reading the refusal back from the journal.
     *
     * @param reason the refusal's {@link Reason} value.
     */
    public static boolean refusalConsumesSeqNum(final int reason)
    {
        return reason != Reason.SEQUENCE_GAP.value() && reason != Reason.NOT_AUTHENTICATED.value();
    }

    /**
     * The message is given back to Aeron (ABORT) to be delivered again, and checked again: the
     * token its first check took is returned, so that the journal's back-pressure is not charged
     * to the client's budget.
     */
    private void refundAcquired()
    {
        if (acquired != null)
        {
            acquired.refund();
            acquired = null;
        }
    }

    private void advanceInbound(final Session session, final long seqNum)
    {
        final long expected = session.nextInSeqNum();
        if (seqNum > expected)
        {
            counters.sequenceGaps.incrementRelease();
            notApplied.wrapAndApplyHeader(out, 0, headerEncoder)
                .uuid(session.uuid())
                .fromSeqNum(expected)
                .msgCount(seqNum - expected);
            session.sendSession(out, 0, MessageHeaderEncoder.ENCODED_LENGTH + notApplied.encodedLength(), nowNs);
        }
        if (seqNum >= expected)
        {
            session.nextInSeqNum(seqNum + 1);
        }
    }

    private static boolean isEstablished(final Session session)
    {
        return session != null && session.state() == Session.State.ESTABLISHED;
    }

    // --------------------------------------------------------------------------- keep-alive

    private int housekeeping(final boolean drained)
    {
        int work = 0;
        for (int i = pendingReplies.size() - 1; i >= 0; i--)
        {
            final PendingReply reply = pendingReplies.get(i);
            if (reply.tryComplete(nowNs))
            {
                pendingReplies.remove(i);
                work++;
            }
        }
        for (int i = 0, count = registry.sessionCount(); i < count; i++)
        {
            final Session session = registry.sessionAt(i);
            if (session.state() != Session.State.ESTABLISHED)
            {
                continue;
            }
            final Image image = ingress.imageBySessionId(session.imageSessionId());
            final long silentNs = nowNs - session.lastReceivedNs();
            if (image == null || image.isClosed())
            {
                disconnected(session);
                work++;
            }
            else if (drained && silentNs >= 2 * session.keepAliveNs())
            {
                sendTerminate(session, TerminationCode.KEEP_ALIVE_LAPSED, "no message for two keep-alive intervals");
                disconnected(session);
                work++;
            }
            else if (drained && silentNs >= session.keepAliveNs() && !session.lapsed())
            {
                session.lapsed(true);
                sendSequence(session, KeepAliveLapsed.LAPSED);
                work++;
            }
            else if (nowNs - session.lastSentNs() >= session.keepAliveNs())
            {
                sendSequence(session, KeepAliveLapsed.NOT_LAPSED);
                work++;
            }
        }
        return work;
    }

    /**
     * Forget the session's connection, unless another session has taken it since (a new session
     * negotiated on the same connection): removing that one's entry would cut it off.
     */
    private void unbindImage(final Session session)
    {
        final int image = session.imageSessionId();
        if (byImage.get(image) == session)
        {
            byImage.remove(image);
        }
    }

    private void disconnected(final Session session)
    {
        counters.disconnects.incrementRelease();
        session.state(Session.State.DISCONNECTED);
        unbindImage(session);
        if (session.cancelOnDisconnect())
        {
            sessionOrders.cancelAll(session);
        }
        session.disconnect();
    }

    private void sendSequence(final Session session, final KeepAliveLapsed lapsed)
    {
        sequenceEncoder.wrapAndApplyHeader(out, 0, headerEncoder)
            .uuid(session.uuid())
            .nextSeqNum(session.nextOutSeqNum())
            .keepAliveLapsed(lapsed);
        session.sendSession(out, 0, MessageHeaderEncoder.ENCODED_LENGTH + sequenceEncoder.encodedLength(), nowNs);
    }

    private void sendTerminate(final Session session, final TerminationCode code, final String text)
    {
        terminateEncoder.wrapAndApplyHeader(out, 0, headerEncoder)
            .uuid(session.uuid())
            .requestTimestamp(nowNs)
            .code(code)
            .text(text);
        session.sendSession(out, 0, MessageHeaderEncoder.ENCODED_LENGTH + terminateEncoder.encodedLength(), nowNs);
    }

    /** A session-layer answer on the session's (possibly still connecting) publication. */
    private void replyOnSession(final Session session, final int length)
    {
        if (!session.sendSession(out, 0, length, nowNs))
        {
            pendingReplies.add(new PendingReply(session.publication(), out, length, nowNs + REPLY_LINGER_NS, false));
        }
    }

    /** An answer to a connection that gets no session: a publication of its own, closed once sent. */
    private void replyOnce(final String channel, final int streamId, final int length)
    {
        // A refusal answers a sender not yet authenticated, on a route it chose: at most a few at
        // a time, and only to a plain UDP endpoint, so that refusals cannot be turned into
        // publications (driver round trips, log buffers) at a stranger's rate or with its settings.
        if (pendingReplies.size() >= MAX_PENDING_REPLIES || !plainUdpEndpoint(channel))
        {
            counters.malformedFrames.incrementRelease();
            return;
        }
        try
        {
            pendingReplies.add(new PendingReply(
                aeron.addExclusivePublication(channel, streamId), out, length, nowNs + REPLY_LINGER_NS, true));
        }
        catch (final RuntimeException ex)
        {
            counters.malformedFrames.incrementRelease();
        }
    }

    /** A publication on a client's route, or null (counted) when the media driver refuses it. */
    private ExclusivePublication routeOrNull(final String channel, final int streamId)
    {
        try
        {
            return aeron.addExclusivePublication(channel, streamId);
        }
        catch (final RuntimeException ex)
        {
            counters.malformedFrames.incrementRelease();
            return null;
        }
    }

    /** A channel of the form {@code aeron:udp?endpoint=HOST:PORT} and nothing else. */
    static boolean plainUdpEndpoint(final String channel)
    {
        try
        {
            return "udp".equals(ChannelUri.parse(channel).media()) && onlyEndpoint(channel);
        }
        catch (final RuntimeException ex)
        {
            return false;
        }
    }

    private static boolean onlyEndpoint(final String channel)
    {
        final int query = channel.indexOf('?');
        return query > 0 && channel.indexOf('|', query) < 0 && channel.startsWith("endpoint=", query + 1);
    }

    /** A reply waiting for its publication to connect. */
    private static final class PendingReply
    {
        private final ExclusivePublication publication;
        private final UnsafeBuffer message;
        private final long deadlineNs;
        private final boolean closeWhenDone;
        private boolean sent;
        private long closeAtNs;

        PendingReply(
            final ExclusivePublication publication,
            final DirectBuffer buffer,
            final int length,
            final long deadlineNs,
            final boolean closeWhenDone)
        {
            this.publication = publication;
            this.message = new UnsafeBuffer(new byte[length]);
            this.message.putBytes(0, buffer, 0, length);
            this.deadlineNs = deadlineNs;
            this.closeWhenDone = closeWhenDone;
        }

        boolean tryComplete(final long nowNs)
        {
            if (!sent)
            {
                if (!publication.isClosed() && publication.offer(message, 0, message.capacity()) > 0)
                {
                    sent = true;
                    closeAtNs = nowNs + 100_000_000L;
                }
                else if (nowNs > deadlineNs)
                {
                    close();
                    return true;
                }
                return !closeWhenDone && sent;
            }
            if (nowNs >= closeAtNs)
            {
                close();
                return true;
            }
            return false;
        }

        void close()
        {
            if (closeWhenDone)
            {
                CloseHelper.quietClose(publication);
            }
        }
    }
}
