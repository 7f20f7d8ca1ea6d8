package dev.simplec.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.cm.ConfigurationAdmin;

import dev.simplec.api.SimplecException;
import dev.simplec.api.service.BackendInfo;
import dev.simplec.api.service.CodegenBackend;
import dev.simplec.api.service.CompiledCode;
import dev.simplec.api.service.CompilerService;
import dev.simplec.api.service.CompilerSession;

/**
 * Backends swapped while the platform runs (SPEC §7, issue 8): bundle updates under load, stop
 * and start, ConfigAdmin switching, a jar dropped into a FileInstall folder, class loaders
 * released after an update, and native threads calling the C ABI across backend and bridge
 * updates. The tests run in name order on one framework; each leaves the platform working.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class HotSwapIT {
    private static final String I64 = "[{\"kind\":\"int\",\"bits\":64,\"signed\":true}]";
    private static final String DOUBLE = "fn double<T: Num>(x: T) -> T { x + x }";
    private static final String X86 = "dev.simplec.backend.x86";

    @Inject
    private BundleContext context;

    @Inject
    private CompilerService compiler;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() throws IOException {
        Path dist = NativeTools.DIST.toAbsolutePath();
        Path deploy = Files.createDirectories(NativeTools.WORK.toAbsolutePath().resolve("deploy"));
        try (Stream<Path> old = Files.list(deploy)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        List<Option> options = new ArrayList<>();
        options.add(cleanCaches());
        options.add(systemPackages("sun.misc"));
        options.add(frameworkProperty("simplec.home").value(dist.toString()));
        options.add(frameworkProperty("felix.fileinstall.dir").value(deploy.toString()));
        options.add(frameworkProperty("felix.fileinstall.poll").value("100"));
        options.add(frameworkProperty("felix.fileinstall.noInitialDelay").value("true"));
        options.add(junitBundles());
        try (Stream<Path> jars = Files.list(dist.resolve("bundles"))) {
            jars.filter(p -> p.toString().endsWith(".jar"))
                    .filter(p -> !p.getFileName().toString().startsWith("org.apache.felix.gogo.shell"))
                    .sorted()
                    .forEach(p -> options.add(bundle(p.toUri().toString())));
        }
        return options.toArray(new Option[0]);
    }

    private static Path x86Jar() throws IOException {
        try (Stream<Path> jars = Files.list(NativeTools.DIST.resolve("bundles"))) {
            return jars.filter(p -> p.getFileName().toString().startsWith(X86 + "-")).findFirst().orElseThrow();
        }
    }

    private Bundle installed(String symbolicName) {
        return Stream.of(context.getBundles()).filter(b -> b.getSymbolicName().equals(symbolicName))
                .reduce((a, b) -> b).orElseThrow();
    }

    private CompiledCode instantiate() {
        try (CompilerSession session = compiler.openSession(null)) {
            return session.instantiate(DOUBLE, I64);
        }
    }

    private BackendInfo active(String name) {
        return compiler.backends().stream().filter(b -> b.active() && b.name().equals(name)).findFirst()
                .orElse(new BackendInfo(name, "", "none", false));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    public void a_updatingTheBackendUnderLoadLosesNoCallAndLaterCallsUseTheNewVersion() throws Exception {
        assertEquals("1.0.0", instantiate().version());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean updated = new AtomicBoolean();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> afterUpdate = new ConcurrentLinkedQueue<>();
        CountDownLatch started = new CountDownLatch(2);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            Thread thread = new Thread(() -> {
                started.countDown();
                while (!stop.get()) {
                    boolean wasUpdated = updated.get();
                    try {
                        CompiledCode code = instantiate();
                        if (wasUpdated) {
                            afterUpdate.add(code.version());
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        started.await();
        Thread.sleep(200);
        installed(X86).update(new ByteArrayInputStream(Jars.withVersion(x86Jar(), "1.0.1")));
        await("x86_64 1.0.1 is active", () -> active("x86_64").version().equals("1.0.1"));
        updated.set(true);
        Thread.sleep(300);
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        assertTrue("calls failed: " + failures, failures.isEmpty());
        assertTrue("no call after the update", !afterUpdate.isEmpty());
        assertTrue("calls after the update used " + afterUpdate, afterUpdate.stream().allMatch("1.0.1"::equals));
    }

    @Test
    public void b_aStoppedBackendGivesAClearErrorAndStartingItAgainWorks() throws Exception {
        Bundle x86 = installed(X86);
        x86.stop();
        try {
            SimplecException e = null;
            try {
                instantiate();
            } catch (SimplecException expected) {
                e = expected;
            }
            assertTrue("a call without a backend succeeded", e != null);
            assertEquals("no codegen backend named auto (x86_64) is registered (registered: aarch64)", e.getMessage());
        } finally {
            x86.start();
        }
        assertEquals("x86_64", instantiate().backend());
    }

    @Test
    public void c_configAdminSwitchesTheActiveBackendToAarch64() throws Exception {
        org.osgi.service.cm.Configuration config = configAdmin.getConfiguration("dev.simplec.platform", "?");
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("backend", "aarch64");
        config.update(props);
        try {
            await("aarch64 is active", () -> active("aarch64").active());
            CompiledCode code = instantiate();
            assertEquals("aarch64", code.arch());
            assertEquals("aarch64", code.backend());
            if (NativeTools.onPath("aarch64-linux-gnu-gcc") && NativeTools.onPath("qemu-aarch64")) {
                Path blob = NativeTools.WORK.resolve("hotswap-double.aarch64.bin");
                Files.write(blob, code.code());
                Path runner = NativeTools.compile("aarch64-linux-gnu-gcc", "run_blob.c", "run_blob_aarch64_hotswap", "-static");
                NativeTools.Run run = NativeTools.run(List.of("qemu-aarch64", runner.toString(), blob.toString(), "42"),
                        Map.of(), 60);
                assertEquals(run.describe(), "84\n", run.stdout());
            }
        } finally {
            config.delete();
        }
        await("x86_64 is active again", () -> active("x86_64").active());
        assertEquals("x86_64", instantiate().arch());
    }

    @Test
    public void d_aJarDroppedIntoTheDeployFolderBecomesTheActiveBackend() throws Exception {
        Path deploy = NativeTools.WORK.toAbsolutePath().resolve("deploy");
        Path dropped = deploy.resolve("x86-next.jar");
        Files.write(dropped, Jars.withVersion(x86Jar(), "1.2.0"));
        await("the dropped x86_64 1.2.0 is active", () -> active("x86_64").version().equals("1.2.0"));
        assertEquals("1.2.0", instantiate().version());
        Files.delete(dropped);
        await("the dropped backend is gone", () -> compiler.backends().stream().noneMatch(b -> b.version().equals("1.2.0")));
        assertEquals("x86_64", instantiate().backend());
    }

    @Test
    public void e_afterAnUpdateTheOldClassLoaderIsCollectedAndNoCacheServesOldCode() throws Exception {
        CompilerSession session = compiler.openSession(null);
        try {
            String before = session.instantiate(DOUBLE, I64).version();
            WeakReference<ClassLoader> oldLoader = oldBackendLoader();
            Bundle x86 = installed(X86);
            x86.update(new ByteArrayInputStream(Jars.withVersion(x86Jar(), "1.3.0")));
            refresh(x86);
            await("x86_64 1.3.0 is active", () -> active("x86_64").version().equals("1.3.0"));
            // Same session, same template and types: the cache must not answer with the old backend's code.
            assertEquals("1.3.0", session.instantiate(DOUBLE, I64).version());
            assertTrue(!before.equals("1.3.0"));
            for (int i = 0; i < 50 && oldLoader.get() != null; i++) {
                System.gc();
                Thread.sleep(100);
            }
            assertNull("the old backend's class loader is still reachable", oldLoader.get());
        } finally {
            session.close();
        }
    }

    private WeakReference<ClassLoader> oldBackendLoader() throws Exception {
        ServiceReference<CodegenBackend> ref = context.getServiceReferences(CodegenBackend.class, "(simplec.backend.name=x86_64)")
                .iterator().next();
        CodegenBackend backend = context.getService(ref);
        WeakReference<ClassLoader> loader = new WeakReference<>(backend.getClass().getClassLoader());
        context.ungetService(ref);
        return loader;
    }

    private void refresh(Bundle bundle) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundle), e -> done.countDown());
        done.await();
    }

    @Test
    public void f_nativeThreadsKeepCallingAcrossABackendUpdate() throws Exception {
        NativeHammer.load();
        NativeHammer.start(4);
        try {
            await("native calls succeed", () -> NativeHammer.okCalls() > 100);
            installed(X86).update(new ByteArrayInputStream(Jars.withVersion(x86Jar(), "1.4.0")));
            await("x86_64 1.4.0 is active", () -> active("x86_64").version().equals("1.4.0"));
            long atUpdate = NativeHammer.okCalls();
            await("native calls succeed after the update", () -> NativeHammer.okCalls() > atUpdate + 100);
        } finally {
            NativeHammer.Counts counts = NativeHammer.stopAndCount();
            assertEquals("failures other than the update window: " + counts, 0, counts.otherFailures());
            assertEquals("a backend update is not a platform outage: " + counts, 0, counts.unavailable());
        }
    }

    @Test
    public void g_updatingTheBridgeItselfFailsCallsInTheWindowCleanlyAndTheyResume() throws Exception {
        NativeHammer.load();
        NativeHammer.start(4);
        NativeHammer.Counts counts;
        try {
            await("native calls succeed", () -> NativeHammer.okCalls() > 100);
            Bundle bridge = installed("dev.simplec.bridge");
            bridge.update();
            refresh(bridge);
            await("the bridge is active again", () -> installed("dev.simplec.bridge").getState() == Bundle.ACTIVE);
            long afterUpdate = NativeHammer.okCalls();
            await("native calls succeed through the new bridge", () -> NativeHammer.okCalls() > afterUpdate + 100);
        } finally {
            counts = NativeHammer.stopAndCount();
        }
        assertEquals("failures other than \"platform unavailable\": " + counts, 0, counts.otherFailures());
    }
}
