package dev.simplec.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * {@code kernels/*.spt} are the SPEC §8 benchmark kernels as plain templates, for other modules'
 * benchmarks; each must be exactly the body of {@code templates/kernel_<name>.spt}, which tests it.
 */
class KernelFilesTest {
    private static Path resource(String dir) throws URISyntaxException {
        URL url = KernelFilesTest.class.getResource(dir);
        if (url == null) {
            throw new IllegalStateException("no " + dir + " on the test class path");
        }
        return Path.of(url.toURI());
    }

    @Test
    void everyKernelIsTheTestedTemplate() throws IOException, URISyntaxException {
        List<Path> kernels;
        try (Stream<Path> s = Files.list(resource("/kernels"))) {
            kernels = s.filter(p -> p.toString().endsWith(".spt")).sorted().toList();
        }
        assertTrue(kernels.size() >= 13, "expected the 13 kernels, found " + kernels.size());
        Path templates = resource("/templates");
        for (Path k : kernels) {
            String name = k.getFileName().toString();
            Path test = templates.resolve("kernel_" + name);
            SptFile spt = SptFile.parse(name, Files.readString(test, StandardCharsets.UTF_8));
            assertEquals(spt.source(), Files.readString(k, StandardCharsets.UTF_8), name);
            assertTrue(!spt.calls().isEmpty(), name + " has interpreter runs");
        }
    }
}
