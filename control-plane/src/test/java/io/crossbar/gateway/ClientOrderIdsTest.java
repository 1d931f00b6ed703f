package io.crossbar.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The bitmap set answers exactly as a plain set would, for counters, sparse and random ids,
 * negative ids (all 64 bits used) and ids at word boundaries.
 */
class ClientOrderIdsTest
{
    @Test
    void shouldAnswerAsAPlainSetDoes()
    {
        final Random random = new Random(42);
        final ClientOrderIds ids = new ClientOrderIds(1 << 10);
        final Set<Long> reference = new HashSet<>();
        for (int i = 0; i < 200_000; i++)
        {
            final long id = switch (random.nextInt(5))
            {
                case 0 -> random.nextLong();
                case 1 -> i;
                case 2 -> (long)random.nextInt(5_000) * 64 + (random.nextBoolean() ? 0 : 63);
                case 3 -> -1L - random.nextInt(300);
                default -> ((long)random.nextInt(8) << 48) | (i & 0xFFFFL) << 8 | random.nextInt(4);
            };
            assertEquals(reference.contains(id), ids.contains(id), "contains " + id);
            assertEquals(reference.add(id), ids.add(id), "add " + id);
            assertEquals(true, ids.contains(id));
        }
    }

    @Test
    void shouldRefuseANewWordOnlyOnceTheBoundIsReached()
    {
        final ClientOrderIds ids = new ClientOrderIds(1 << 10, 4);
        for (long word = 0; word < 4; word++)
        {
            assertEquals(true, ids.hasRoomFor(word * 1_000 * 64));
            ids.add(word * 1_000 * 64);
        }
        assertEquals(false, ids.hasRoomFor(5_000L * 64), "a fifth scattered id needs a fifth word");
        assertEquals(true, ids.hasRoomFor(3_000L * 64 + 17), "an id in a word already held still fits");
        assertEquals(true, ids.hasRoomFor(0), "so does one already used (refused as a duplicate instead)");
    }
}
