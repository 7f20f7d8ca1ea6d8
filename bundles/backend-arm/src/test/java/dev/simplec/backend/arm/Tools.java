package dev.simplec.backend.arm;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Looks external tools up on PATH, so tests can skip with a reason instead of failing obscurely. */
final class Tools {
    private Tools() {
    }

    static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
