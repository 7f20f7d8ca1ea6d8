package dev.simplec.launcher;

import static org.junit.Assert.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.Test;

/**
 * Removing framework storage: every starting process removes the storage of processes that are
 * gone, so two processes starting at once remove the same tree together.
 */
public class PlatformStorageTest {

    private static Path tree(int dirs, int filesEach) throws IOException {
        Path root = Files.createTempDirectory("simplec-storage-test");
        for (int d = 0; d < dirs; d++) {
            Path dir = Files.createDirectories(root.resolve("bundle" + d).resolve("version0.0"));
            for (int f = 0; f < filesEach; f++) {
                Files.writeString(dir.resolve("f" + f), "x");
            }
        }
        return root;
    }

    @Test
    public void aTreeIsRemovedWhole() throws IOException {
        Path root = tree(3, 4);
        Platform.deleteTree(root);
        assertFalse(Files.exists(root));
    }

    @Test
    public void aTreeThatIsAlreadyGoneIsNoError() throws IOException {
        Path root = tree(1, 1);
        Platform.deleteTree(root);
        Platform.deleteTree(root);
        assertFalse(Files.exists(root));
    }

    /** Files vanishing under the walk (the other remover was faster) must not escape as an error. */
    @Test
    public void twoRemoversOfOneTreeBothFinishQuietly() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                Path root = tree(30, 20);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> removers = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    removers.add(pool.submit(() -> {
                        go.await();
                        Platform.deleteTree(root);
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> remover : removers) {
                    remover.get(); // rethrows what escaped deleteTree
                }
                assertFalse("round " + round, Files.exists(root));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
