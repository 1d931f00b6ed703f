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
}
