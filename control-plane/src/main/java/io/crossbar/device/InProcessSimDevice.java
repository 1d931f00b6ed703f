package io.crossbar.device;

import io.crossbar.engine.EventSink;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The simulated card stepped in this process: {@code libxbcard.so} (sim/src/xbcard.h) called
 * through Panama downcalls. No rings and no second process, so it is the fast way to compare the
 * RTL with the reference engine; {@link SimDevice} is the one that exercises the real interface.
 * <p>
 * {@link #offer} queues a command in the library (up to 256 outstanding); {@link #poll} clocks
 * the model until the outstanding commands are complete or the event buffer is full.
 */
public final class InProcessSimDevice extends AbstractDevice
{
    private static final int XB_EFULL = -3;
    private static final int QUEUE_SLOTS = 256;
    private static final int EVENT_BATCH = 1024;
    private static final Map<Path, Library> LIBRARIES = new ConcurrentHashMap<>();

    private final Library library;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment card;
    private final MemorySegment command;
    private final MemorySegment events;
    private final UnsafeBuffer eventView;
    private final DeviceInfo info;
    private String failure;
    private boolean closed;

    private InProcessSimDevice(final Library library, final MemorySegment card)
    {
        super(1);
        this.library = library;
        this.card = card;
        this.command = arena.allocate(DeviceLayout.RECORD_LENGTH, 64);
        this.events = arena.allocate((long)DeviceLayout.RECORD_LENGTH * EVENT_BATCH, 64);
        this.eventView = new UnsafeBuffer(events.address(), (int)events.byteSize());
        this.info = new DeviceInfo("sim-inproc", register(DeviceLayout.ABI_VERSION), library.buildId(),
            (int)register(DeviceLayout.CAP_INSTRUMENTS), (int)register(DeviceLayout.CAP_LEVELS_PER_SIDE),
            (int)register(DeviceLayout.CAP_ORDER_SLOTS), (int)register(DeviceLayout.CAP_ACCOUNTS),
            QUEUE_SLOTS, EVENT_BATCH);
    }

    /**
     * Build (if needed) and load the library for the context's capacities and create a card:
     * reset, wait for READY, run.
     *
     * @throws DeviceException when it cannot be built, loaded or brought up.
     */
    public static InProcessSimDevice open(final DeviceContext context)
    {
        context.conclude();
        final Path dir = SimBuild.ensure(context);
        final Library library = LIBRARIES.computeIfAbsent(dir.resolve("libxbcard.so"), Library::load);
        final MemorySegment card;
        try (Arena temp = Arena.ofConfined())
        {
            final MemorySegment trace = context.traceFile() == null ?
                MemorySegment.NULL : temp.allocateFrom(context.traceFile().toString());
            card = (MemorySegment)library.create.invokeExact(trace, context.traceFromCycle(), context.traceToCycle());
            if (card.equals(MemorySegment.NULL))
            {
                throw new DeviceException("sim-inproc: " + library.string(library.lastError));
            }
        }
        catch (final DeviceException ex)
        {
            throw ex;
        }
        catch (final Throwable t)
        {
            throw new DeviceException("sim-inproc: cannot create the card: " + t, t);
        }
        if (context.egressStallPercent() != 0)
        {
            try
            {
                if ((int)library.egressStall.invokeExact(card, context.egressStallPercent()) != 0)
                {
                    throw new DeviceException("sim-inproc: cannot set the egress stall: " +
                        library.string((MemorySegment)library.error.invokeExact(card)));
                }
            }
            catch (final DeviceException ex)
            {
                throw ex;
            }
            catch (final Throwable t)
            {
                throw new DeviceException("sim-inproc: cannot set the egress stall: " + t, t);
            }
        }
        final InProcessSimDevice device = new InProcessSimDevice(library, card);
        if (!device.info.matches(context.engineConfig()))
        {
            device.close();
            throw new DeviceException("sim-inproc: the library's capacities (" + device.info + ") are not the expected " +
                context.engineConfig());
        }
        return device;
    }

    public String name()
    {
        return "sim-inproc";
    }

    public DeviceInfo info()
    {
        return info;
    }

    public boolean offer(final DirectBuffer record, final int offset)
    {
        checkSequence(record, offset);
        for (int i = 0; i < DeviceLayout.RECORD_LENGTH; i += 8)
        {
            command.set(JAVA_LONG, i, record.getLong(offset + i));
        }
        final int rc;
        try
        {
            rc = (int)library.offer.invokeExact(card, command);
        }
        catch (final Throwable t)
        {
            throw new DeviceException("sim-inproc: xb_offer failed: " + t, t);
        }
        if (rc == XB_EFULL)
        {
            return false;
        }
        check(rc, "xb_offer");
        offered();
        return true;
    }

    public int poll(final EventSink sink, final int limit)
    {
        if (outstanding() == 0 || limit <= 0)
        {
            return 0;
        }
        final int rc;
        try
        {
            rc = (int)library.poll.invokeExact(card, events, Math.min(limit, EVENT_BATCH));
        }
        catch (final Throwable t)
        {
            throw new DeviceException("sim-inproc: xb_poll failed: " + t, t);
        }
        check(rc, "xb_poll");
        for (int i = 0; i < rc; i++)
        {
            final int at = i * DeviceLayout.RECORD_LENGTH;
            sink.onEvent(eventView, at);
            delivered(eventView, at);
        }
        return rc;
    }

    /** One register of the model (a combinational read, no clock edge). */
    public long register(final int offset)
    {
        try
        {
            return (long)library.readReg.invokeExact(card, offset);
        }
        catch (final Throwable t)
        {
            throw new DeviceException("sim-inproc: xb_read_reg failed: " + t, t);
        }
    }

    /** Clock cycles since the model was created. */
    public long cycles()
    {
        try
        {
            return (long)library.cycles.invokeExact(card);
        }
        catch (final Throwable t)
        {
            throw new DeviceException("sim-inproc: xb_cycles failed: " + t, t);
        }
    }

    public DeviceHealth health()
    {
        if (closed)
        {
            return DeviceHealth.fault("sim-inproc is closed");
        }
        if (failure != null)
        {
            return DeviceHealth.fault(failure);
        }
        final long status = register(DeviceLayout.STATUS);
        if (status == DeviceLayout.STATUS_FAULT)
        {
            return DeviceHealth.fault("the card reports FAULT (" + DeviceLayout.faultName(register(DeviceLayout.FAULT_CODE)) +
                ")");
        }
        return DeviceHealth.OK;
    }

    public void close()
    {
        if (!closed)
        {
            closed = true;
            try
            {
                library.destroy.invokeExact(card);
            }
            catch (final Throwable t)
            {
                throw new DeviceException("sim-inproc: xb_destroy failed: " + t, t);
            }
            finally
            {
                arena.close();
            }
        }
    }

    private void check(final int rc, final String call)
    {
        if (rc < 0)
        {
            String message;
            try
            {
                message = library.string((MemorySegment)library.error.invokeExact(card));
            }
            catch (final Throwable t)
            {
                message = "error " + rc;
            }
            failure = call + ": " + message;
            throw new DeviceException("sim-inproc: " + failure);
        }
    }

    /** The downcall handles of one libxbcard.so, loaded once for the life of the JVM. */
    private static final class Library
    {
        final MethodHandle create;
        final MethodHandle destroy;
        final MethodHandle offer;
        final MethodHandle poll;
        final MethodHandle readReg;
        final MethodHandle cycles;
        final MethodHandle error;
        final MethodHandle lastError;
        final MethodHandle buildIdHandle;
        final MethodHandle egressStall;

        private Library(final SymbolLookup lookup)
        {
            final Linker linker = Linker.nativeLinker();
            final Linker.Option critical = Linker.Option.critical(false);
            create = handle(linker, lookup, "xb_create_traced", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG));
            destroy = handle(linker, lookup, "xb_destroy", FunctionDescriptor.ofVoid(ADDRESS));
            offer = handle(linker, lookup, "xb_offer", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS), critical);
            poll = handle(linker, lookup, "xb_poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
            readReg = handle(linker, lookup, "xb_read_reg", FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_INT), critical);
            cycles = handle(linker, lookup, "xb_cycles", FunctionDescriptor.of(JAVA_LONG, ADDRESS), critical);
            error = handle(linker, lookup, "xb_error", FunctionDescriptor.of(ADDRESS, ADDRESS));
            lastError = handle(linker, lookup, "xb_last_error", FunctionDescriptor.of(ADDRESS));
            buildIdHandle = handle(linker, lookup, "xb_build_id", FunctionDescriptor.of(JAVA_LONG));
            egressStall = handle(linker, lookup, "xb_set_egress_stall", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        }

        static Library load(final Path path)
        {
            try
            {
                return new Library(SymbolLookup.libraryLookup(path, Arena.global()));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new DeviceException("sim-inproc: cannot load " + path + ": " + ex.getMessage(), ex);
            }
        }

        long buildId()
        {
            try
            {
                return (long)buildIdHandle.invokeExact();
            }
            catch (final Throwable t)
            {
                throw new DeviceException("sim-inproc: xb_build_id failed: " + t, t);
            }
        }

        String string(final MethodHandle noArgs)
        {
            try
            {
                return string((MemorySegment)noArgs.invokeExact());
            }
            catch (final Throwable t)
            {
                return "(no message: " + t + ")";
            }
        }

        String string(final MemorySegment cString)
        {
            return cString.equals(MemorySegment.NULL) ? "" :
                cString.reinterpret(4096).getString(0);
        }

        private static MethodHandle handle(
            final Linker linker, final SymbolLookup lookup, final String name, final FunctionDescriptor descriptor,
            final Linker.Option... options)
        {
            final MemorySegment symbol = lookup.find(name).orElseThrow(() ->
                new DeviceException("sim-inproc: libxbcard.so has no " + name + " (rebuild with sim/build.sh)"));
            return linker.downcallHandle(symbol, descriptor, options);
        }
    }

    static
    {
        // Records cross the boundary as 64-byte little-endian blocks, like the rings.
        if (java.nio.ByteOrder.nativeOrder() != java.nio.ByteOrder.LITTLE_ENDIAN)
        {
            throw new ExceptionInInitializerError("the simulated card needs a little-endian host");
        }
    }
}
