package dev.simplec.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.eclipse.jdt.annotation.Nullable;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * The platform's {@code simplec.unload} policy in a real Felix: after a bundle update and the
 * refresh that follows it, the old revision's classes are unloaded without anyone else asking
 * the JVM to collect.
 */
public class UnloadingTest {
    private static final String PAYLOAD = UnloadingPayload.class.getName();

    @Test
    public void collectUnloadsTheOldRevisionAfterTheRefresh() throws Exception {
        Path home = Files.createTempDirectory("simplec-home");
        Files.createDirectory(home.resolve("bundles")); // no bundles but the test's own
        Framework framework = Platform.start(home, Map.of(Unloading.PROPERTY, "collect"));
        try {
            Bundle bundle = framework.getBundleContext().installBundle("payload", new ByteArrayInputStream(jar("1.0.0")));
            WeakReference<@Nullable ClassLoader> old = loaderOfPayload(bundle);
            assertNotNull(old.get());
            bundle.update(new ByteArrayInputStream(jar("1.0.1")));
            CountDownLatch refreshed = new CountDownLatch(1);
            framework.adapt(FrameworkWiring.class).refreshBundles(List.of(bundle), e -> refreshed.countDown());
            refreshed.await(10, TimeUnit.SECONDS);
            // The collection runs on Felix's event thread after the refresh; this test never asks for one.
            for (int i = 0; i < 100 && old.get() != null; i++) {
                Thread.sleep(50);
            }
            assertNull("the old revision's class loader is still reachable", old.get());
            assertEquals("1.0.1", bundle.getVersion().toString());
        } finally {
            Platform.stop(framework);
        }
    }

    @Test
    public void thePolicyIsReadFromItsPropertyAndABadValueIsNamed() {
        assertEquals(Unloading.COLLECT, Unloading.of("collect"));
        assertEquals(Unloading.LAZY, Unloading.of(" Lazy "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Unloading.of("sometimes"));
        assertEquals("simplec.unload must be collect or lazy, not 'sometimes'", e.getMessage());
    }

    /** Loads the payload class from the bundle; only a weak reference to its loader leaves this method. */
    private static WeakReference<@Nullable ClassLoader> loaderOfPayload(Bundle bundle) throws Exception {
        Class<?> payload = bundle.loadClass(PAYLOAD);
        assertEquals(payload.getName(), payload.getDeclaredConstructor().newInstance().toString());
        return new WeakReference<>(payload.getClassLoader());
    }

    /** A bundle holding a copy of {@link UnloadingPayload}, defined by the bundle's own class loader. */
    private static byte[] jar(String version) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "dev.simplec.test.payload");
        main.putValue("Bundle-Version", version);
        String entry = PAYLOAD.replace('.', '/') + ".class";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, manifest);
                InputStream in = UnloadingTest.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            out.write(in.readAllBytes());
            out.closeEntry();
        }
        return bytes.toByteArray();
    }
}
