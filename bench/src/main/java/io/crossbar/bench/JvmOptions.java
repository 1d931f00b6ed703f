package io.crossbar.bench;

/**
 * The JVM flags every benchmark process needs on JDK 25, as constants so that JMH's
 * {@code @Fork(jvmArgsAppend = ...)} and bench/run name the same list.
 * <ul>
 *   <li>Agrona (our codecs and buffers) reads {@code jdk.internal.misc};</li>
 *   <li>exchange-core's Chronicle 2026.x reaches into {@code java.lang} and {@code java.nio},
 *       binds native code and still uses {@code sun.misc.Unsafe} memory access.</li>
 * </ul>
 */
public final class JvmOptions
{
    public static final String EXPORT_MISC = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";
    public static final String OPEN_LANG = "--add-opens=java.base/java.lang=ALL-UNNAMED";
    public static final String OPEN_NIO = "--add-opens=java.base/java.nio=ALL-UNNAMED";
    public static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";
    public static final String UNSAFE_MEMORY = "--sun-misc-unsafe-memory-access=allow";
    /** A fixed heap, so that neither engine's run resizes it. */
    public static final String HEAP_MIN = "-Xms1g";
    public static final String HEAP_MAX = "-Xmx1g";

    private JvmOptions()
    {
    }
}
