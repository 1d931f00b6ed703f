package io.crossbar.appliance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import io.crossbar.engine.EngineConfig;

/**
 * The configuration a journal was started with, kept beside it in {@value #FILE_NAME}.
 * <p>
 * A journal holds the configuration as the commands that set the card up (instruments, margins,
 * accounts' credit), sequenced once, when the journal was new. Restarted with another
 * configuration file or another card, the appliance would replay the old set-up into the card
 * while its gateway and market data served the new one: instruments the card does not have,
 * credits it never saw. So a restart with anything different is refused, naming what differs.
 * <p>
 * The file lists, a line each, the card's capacities, the instruments, the accounts and the firms
 * (without their secrets), then a SHA-256 of all of it with the secrets, so that a changed secret
 * differs too while the file holds none.
 */
final class JournalConfiguration
{
    static final String FILE_NAME = "configuration.txt";
    private static final String HEADER =
        "# The configuration this journal was started with. The appliance runs this journal only with the same.";

    private JournalConfiguration()
    {
    }

    /** The lines that describe {@code config} on a card of {@code card}'s capacities. */
    static List<String> describe(final ApplianceConfig config, final EngineConfig card)
    {
        final List<String> lines = new ArrayList<>();
        lines.add("card instruments=" + card.instruments() + " levels=" + card.levelsPerSide() + " slots=" +
            card.orderSlots() + " accounts=" + card.accounts());
        for (final InstrumentSpec instrument : config.instruments())
        {
            lines.add("instrument " + instrument);
        }
        for (final AccountSpec account : config.accounts())
        {
            lines.add("account id=" + account.id() + " credit=" + account.credit());
        }
        final MessageDigest sha256 = sha256();
        for (final FirmSpec firm : config.firms())
        {
            lines.add("firm id=" + firm.id() + " name=" + firm.name() + " key=" + firm.accessKeyId() +
                " accounts=" + Arrays.toString(firm.accounts()));
            sha256.update(firm.secret());
        }
        for (final String line : lines)
        {
            sha256.update(line.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte)'\n');
        }
        lines.add("sha256 " + HexFormat.of().formatHex(sha256.digest()));
        return lines;
    }

    /**
     * Check the configuration of a journal that holds inputs, when it has one, against {@code now}.
     *
     * @param journalDirectory the journal's directory.
     * @param now              {@link #describe} of the configuration and card starting now.
     * @throws IllegalStateException naming the first difference, when the journal's differs.
     */
    static void check(final Path journalDirectory, final List<String> now)
    {
        final Path file = journalDirectory.resolve(FILE_NAME);
        if (!Files.exists(file))
        {
            return; // a journal written before this file existed: record() makes this configuration its own
        }
        final List<String> then;
        try
        {
            then = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter((line) -> !line.startsWith("#") && !line.isBlank())
                .toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), ex);
        }
        final String difference = firstDifference(then, now);
        if (difference != null)
        {
            throw new IllegalStateException("the journal " + journalDirectory.toAbsolutePath() +
                " was started with another configuration or card (" + difference + "; its configuration is in " +
                file.toAbsolutePath() + "). Restart with the same --config and --card, or start a new journal " +
                "with --journal=DIR");
        }
    }

    /**
     * Record {@code now} as the journal's configuration.
     *
     * @param fresh the journal held no input before this start, so {@code now} is what set the
     *              card up (a file left by a start whose inputs never reached the journal is
     *              replaced); otherwise the file is written only when the journal has none yet.
     */
    static void record(final Path journalDirectory, final List<String> now, final boolean fresh)
    {
        final Path file = journalDirectory.resolve(FILE_NAME);
        if (!fresh && Files.exists(file))
        {
            return;
        }
        final List<String> content = new ArrayList<>();
        content.add(HEADER);
        content.addAll(now);
        try
        {
            final Path partial = journalDirectory.resolve(FILE_NAME + ".partial");
            Files.write(partial, content, StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file.toAbsolutePath(), ex);
        }
    }

    /** @return the first line that differs, in words, or null when both are the same. */
    static String firstDifference(final List<String> then, final List<String> now)
    {
        for (int i = 0; i < Math.max(then.size(), now.size()); i++)
        {
            final String was = i < then.size() ? then.get(i) : null;
            final String is = i < now.size() ? now.get(i) : null;
            if (was == null || is == null || !was.equals(is))
            {
                if (was != null && is != null && was.startsWith("sha256 ") && is.startsWith("sha256 "))
                {
                    return "a firm's secret differs";
                }
                return "journal: " + (was == null ? "nothing" : "'" + was + "'") +
                    ", now: " + (is == null ? "nothing" : "'" + is + "'");
            }
        }
        return null;
    }

    private static MessageDigest sha256()
    {
        try
        {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
        }
    }
}
