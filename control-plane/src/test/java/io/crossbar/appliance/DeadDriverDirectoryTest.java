package io.crossbar.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.junit.jupiter.api.Test;

/**
 * The media driver directory a killed appliance leaves in /dev/shm is removed by the next one,
 * and a live driver's is left alone.
 */
class DeadDriverDirectoryTest
{
    @Test
    void shouldRemoveTheDirectoryOfADeadDriverAndKeepALiveOne() throws InterruptedException
    {
        final String prefix = "crossbar-deadtest-" + ProcessHandle.current().pid() + "-";
        final File dead = new File("/dev/shm", prefix + "dead");
        final File live = new File("/dev/shm", prefix + "live");
        // A driver that stops without removing its directory, as one killed would.
        MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(dead.getPath())
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(false)
            .threadingMode(ThreadingMode.SHARED)).close();
        try (MediaDriver running = MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(live.getPath())
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .threadingMode(ThreadingMode.SHARED)))
        {
            assertTrue(dead.isDirectory());
            Thread.sleep(3_000); // a live driver heartbeats every second; this one stopped 3 s ago
            assertEquals(1, Appliance.removeDeadDriverDirectories(new File("/dev/shm"), prefix, 2_000));
            assertFalse(dead.exists(), "the dead driver's directory is gone");
            assertTrue(live.isDirectory(), "the live driver's directory stays");
        }
    }
}
