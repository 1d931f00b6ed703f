package io.crossbar.sbe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.agrona.sbe.MessageDecoderFlyweight;
import org.agrona.sbe.MessageEncoderFlyweight;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every message of every schema is encoded with distinctive values in every field (groups and var
 * data included), decoded, and compared field by field.
 *
 * <p>No message can be left out: {@link #everyMessageOfEverySchemaHasARoundTrip} compares the
 * messages declared in each schema's XML, and the message decoders generated into each package,
 * with the round-trip cases, and fails naming any message without one. No field can be left out
 * either: after each case, {@link CodecHarness#verify} walks the message as the XML declares it
 * and fails on any member still at zero or null.
 */
class SchemaRoundTripTest
{
    private static final List<RoundTrip> CASES = Stream.of(
            OrderEntryRoundTrips.cases(),
            MarketDataRoundTrips.cases(),
            DeviceRoundTrips.cases(),
            AdminRoundTrips.cases(),
            JournalRoundTrips.cases())
        .flatMap(List::stream)
        .toList();

    @TestFactory
    Stream<DynamicTest> everyMessageRoundTrips()
    {
        return CASES.stream().map((roundTrip) ->
        {
            final SchemaModel.Schema schema = SchemaModel.load(roundTrip.schema());
            final SchemaModel.Message message = schema.messages().stream()
                .filter((m) -> m.id() == roundTrip.templateId())
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                    roundTrip.schema() + " declares no message with id " + roundTrip.templateId()));

            return dynamicTest(schema.file() + " " + message.name() + " (" + message.id() + ")", () ->
            {
                final CodecHarness harness = new CodecHarness(!"device.xml".equals(schema.file()));
                roundTrip.body().accept(harness);
                harness.verify(schema, message);
            });
        });
    }

    @Test
    void everyMessageOfEverySchemaHasARoundTrip()
    {
        final Map<String, List<Integer>> casesBySchema = CASES.stream().collect(Collectors.groupingBy(
            RoundTrip::schema, TreeMap::new, Collectors.mapping(RoundTrip::templateId, Collectors.toList())));
        assertEquals(new TreeSet<>(SchemaModel.SCHEMA_FILES), casesBySchema.keySet());

        final List<String> problems = new ArrayList<>();
        for (final SchemaModel.Schema schema : SchemaModel.all())
        {
            final List<Integer> caseIds = casesBySchema.get(schema.file());
            final Set<Integer> distinctCaseIds = new TreeSet<>(caseIds);
            if (distinctCaseIds.size() != caseIds.size())
            {
                problems.add(schema.file() + ": a message has two round-trip cases: " + caseIds);
            }

            final Map<Integer, String> declared = schema.messages().stream()
                .collect(Collectors.toMap(SchemaModel.Message::id, SchemaModel.Message::name, (a, b) -> a + "," + b,
                    TreeMap::new));
            final Map<Integer, String> generated = generatedMessageDecoders(schema.javaPackage());

            for (final Map.Entry<Integer, String> entry : declared.entrySet())
            {
                if (!distinctCaseIds.contains(entry.getKey()))
                {
                    problems.add(schema.file() + ": message " + entry.getValue() + " (" + entry.getKey() +
                        ") has no round-trip case");
                }
            }
            for (final Map.Entry<Integer, String> entry : generated.entrySet())
            {
                if (!distinctCaseIds.contains(entry.getKey()))
                {
                    problems.add(schema.file() + ": generated " + entry.getValue() + " (" + entry.getKey() +
                        ") has no round-trip case");
                }
            }
            for (final Integer id : distinctCaseIds)
            {
                if (!declared.containsKey(id))
                {
                    problems.add(schema.file() + ": round-trip case for template " + id + " which it does not declare");
                }
            }
        }

        assertEquals(List.of(), problems, () -> String.join("\n", problems));
    }

    @Test
    void generatedCodecsMatchTheSchemaXml()
    {
        for (final SchemaModel.Schema schema : SchemaModel.all())
        {
            final Map<Integer, String> generated = generatedMessageDecoders(schema.javaPackage());
            final Map<Integer, String> declared = schema.messages().stream()
                .collect(Collectors.toMap(SchemaModel.Message::id, (m) -> m.name() + "Decoder", (a, b) -> a + "," + b,
                    TreeMap::new));
            assertEquals(declared, generated, schema.file() + ": generated decoders differ from the XML");
            assertEquals(schema.messages().size(), declared.size(), schema.file() + ": duplicate template ids");

            for (final SchemaModel.Message message : schema.messages())
            {
                final MessageDecoderFlyweight decoder = CodecHarness.newInstance(schema.decoderClass(message));
                final MessageEncoderFlyweight encoder = CodecHarness.newInstance(schema.encoderClass(message));
                final String where = schema.file() + " " + message.name();
                assertEquals(message.id(), decoder.sbeTemplateId(), where);
                assertEquals(message.id(), encoder.sbeTemplateId(), where);
                assertEquals(schema.id(), decoder.sbeSchemaId(), where);
                assertEquals(schema.id(), encoder.sbeSchemaId(), where);
                assertEquals(schema.version(), decoder.sbeSchemaVersion(), where);
                assertEquals(encoder.sbeBlockLength(), decoder.sbeBlockLength(), where);
            }
        }
    }

    @Test
    void schemasHaveDistinctIdsAndPackages()
    {
        final List<SchemaModel.Schema> schemas = SchemaModel.all();
        assertEquals(
            Map.of("orderentry.xml", 1, "marketdata.xml", 2, "device.xml", 3, "admin.xml", 4, "journal.xml", 5),
            schemas.stream().collect(Collectors.toMap(SchemaModel.Schema::file, SchemaModel.Schema::id)));
        assertEquals(schemas.size(), schemas.stream().map(SchemaModel.Schema::javaPackage).distinct().count());
        assertTrue(schemas.stream().allMatch((s) -> s.javaPackage().startsWith("io.crossbar.sbe.")));
    }

    /** Template id to simple name of every generated message decoder in {@code javaPackage}. */
    static Map<Integer, String> generatedMessageDecoders(final String javaPackage)
    {
        final Map<Integer, String> decoders = new TreeMap<>();
        for (final Class<?> type : classesIn(javaPackage))
        {
            if (MessageDecoderFlyweight.class.isAssignableFrom(type) && !type.isInterface())
            {
                final MessageDecoderFlyweight decoder = CodecHarness.newInstance(type);
                decoders.merge(decoder.sbeTemplateId(), type.getSimpleName(), (a, b) -> a + "," + b);
            }
        }

        return decoders;
    }

    private static List<Class<?>> classesIn(final String javaPackage)
    {
        final String path = javaPackage.replace('.', '/');
        final URL url = SchemaRoundTripTest.class.getClassLoader().getResource(path);
        if (url == null)
        {
            throw new AssertionError("package not on the class path: " + javaPackage);
        }

        final List<String> names = new ArrayList<>();
        try
        {
            if ("jar".equals(url.getProtocol()))
            {
                try (JarFile jar = ((JarURLConnection)url.openConnection()).getJarFile())
                {
                    jar.stream()
                        .map(e -> e.getName())
                        .filter((n) -> n.startsWith(path + "/") && n.indexOf('/', path.length() + 1) < 0)
                        .map((n) -> n.substring(path.length() + 1))
                        .forEach(names::add);
                }
            }
            else
            {
                try (Stream<Path> files = Files.list(Path.of(url.toURI())))
                {
                    files.map((p) -> p.getFileName().toString()).forEach(names::add);
                }
            }
        }
        catch (final IOException | URISyntaxException ex)
        {
            throw new AssertionError("cannot list " + javaPackage, ex);
        }

        Collections.sort(names);
        return names.stream()
            .filter((n) -> n.endsWith(".class") && !n.contains("$"))
            .map((n) -> javaPackage + "." + n.substring(0, n.length() - ".class".length()))
            .map(forName())
            .toList();
    }

    private static Function<String, Class<?>> forName()
    {
        return (name) ->
        {
            try
            {
                return Class.forName(name);
            }
            catch (final ClassNotFoundException ex)
            {
                throw new AssertionError(ex);
            }
        };
    }
}
