package dev.simplec.itest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Rebuilds a backend bundle of this build as "a second build of itself" that reports another version. */
final class Jars {
    private Jars() {
    }

    /** The jar with {@code Bundle-Version} and {@code OSGI-INF/backend.properties} set to {@code version}. */
    static byte[] withVersion(Path jar, String version) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream file = Files.newInputStream(jar); JarInputStream in = new JarInputStream(file)) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Bundle-Version", version);
            try (JarOutputStream jar2 = new JarOutputStream(out, manifest)) {
                for (JarEntry e; (e = in.getNextJarEntry()) != null;) {
                    jar2.putNextEntry(new JarEntry(e.getName()));
                    if (e.getName().equals("OSGI-INF/backend.properties")) {
                        jar2.write(("simplec.backend.version=" + version + "\n").getBytes(StandardCharsets.UTF_8));
                    } else {
                        in.transferTo(jar2);
                    }
                    jar2.closeEntry();
                }
            }
        }
        return out.toByteArray();
    }
}
