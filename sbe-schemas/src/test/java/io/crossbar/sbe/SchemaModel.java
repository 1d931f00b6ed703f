package io.crossbar.sbe;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The shape of each Crossbar schema, read from the XML that generates the codecs (resources
 * {@code sbe/*.xml}, XIncludes resolved): its messages, their fields, groups and var data in
 * wire order, and the members of its composites. Tests use it to find every message of a schema
 * and every field of a message without trusting a hand-written list.
 */
final class SchemaModel
{
    /** The five schemas, by file name. */
    static final List<String> SCHEMA_FILES = List.of("orderentry.xml", "marketdata.xml", "device.xml", "admin.xml",
        "journal.xml");

    sealed interface Member permits Field, Group, Data
    {
        String name();
    }

    record Field(String name, String type, int sinceVersion) implements Member
    {
    }

    record Group(String name, List<Member> members) implements Member
    {
    }

    record Data(String name, String type) implements Member
    {
    }

    record Message(String name, int id, List<Member> members)
    {
    }

    record Schema(
        String file,
        int id,
        int version,
        String javaPackage,
        List<Message> messages,
        Map<String, List<String>> composites)
    {
        Message message(final String name)
        {
            return messages.stream()
                .filter((m) -> m.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(file + " has no message " + name));
        }

        Class<?> decoderClass(final Message message)
        {
            return codecClass(message.name() + "Decoder");
        }

        Class<?> encoderClass(final Message message)
        {
            return codecClass(message.name() + "Encoder");
        }

        private Class<?> codecClass(final String simpleName)
        {
            try
            {
                return Class.forName(javaPackage + "." + simpleName);
            }
            catch (final ClassNotFoundException ex)
            {
                throw new AssertionError("no generated class " + simpleName + " in " + javaPackage, ex);
            }
        }
    }

    private static final Map<String, Schema> CACHE = new HashMap<>();

    private SchemaModel()
    {
    }

    static synchronized Schema load(final String file)
    {
        return CACHE.computeIfAbsent(file, SchemaModel::parse);
    }

    static List<Schema> all()
    {
        return SCHEMA_FILES.stream().map(SchemaModel::load).toList();
    }

    private static Schema parse(final String file)
    {
        final URL url = SchemaModel.class.getClassLoader().getResource("sbe/" + file);
        if (url == null)
        {
            throw new IllegalStateException("schema not on the class path: sbe/" + file);
        }

        try (InputStream in = url.openStream())
        {
            final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setXIncludeAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            final DocumentBuilder builder = factory.newDocumentBuilder();
            final Document document = builder.parse(in, url.toExternalForm());
            final Element root = document.getDocumentElement();

            final Map<String, List<String>> composites = new HashMap<>();
            final List<Message> messages = new ArrayList<>();
            collect(root, composites, messages);

            return new Schema(
                file,
                Integer.parseInt(root.getAttribute("id")),
                Integer.parseInt(root.getAttribute("version")),
                root.getAttribute("package"),
                List.copyOf(messages),
                Map.copyOf(composites));
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new IllegalStateException("cannot read sbe/" + file, ex);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("cannot parse sbe/" + file, ex);
        }
    }

    private static void collect(
        final Element element, final Map<String, List<String>> composites, final List<Message> messages)
    {
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling())
        {
            if (!(node instanceof Element child))
            {
                continue;
            }
            switch (child.getLocalName())
            {
                case "composite" ->
                {
                    final List<String> members = new ArrayList<>();
                    for (Node m = child.getFirstChild(); m != null; m = m.getNextSibling())
                    {
                        if (m instanceof Element member)
                        {
                            members.add(member.getAttribute("name"));
                        }
                    }
                    composites.put(child.getAttribute("name"), List.copyOf(members));
                }
                case "message" -> messages.add(new Message(
                    child.getAttribute("name"), Integer.parseInt(child.getAttribute("id")), members(child)));
                default -> collect(child, composites, messages);
            }
        }
    }

    private static List<Member> members(final Element parent)
    {
        final List<Member> members = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling())
        {
            if (!(node instanceof Element child))
            {
                continue;
            }
            final String name = child.getAttribute("name");
            switch (child.getLocalName())
            {
                case "field" -> members.add(new Field(
                    name,
                    child.getAttribute("type"),
                    child.hasAttribute("sinceVersion") ? Integer.parseInt(child.getAttribute("sinceVersion")) : 0));
                case "group" -> members.add(new Group(name, members(child)));
                case "data" -> members.add(new Data(name, child.getAttribute("type")));
                default ->
                {
                }
            }
        }

        return List.copyOf(members);
    }
}
