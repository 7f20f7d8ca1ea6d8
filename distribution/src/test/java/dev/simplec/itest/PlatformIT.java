package dev.simplec.itest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import dev.simplec.api.service.BackendInfo;
import dev.simplec.api.service.CacheStats;
import dev.simplec.api.service.CodegenBackend;
import dev.simplec.api.service.CompiledCode;
import dev.simplec.api.service.CompilerService;
import dev.simplec.api.service.CompilerSession;
import dev.simplec.api.service.InferenceEngine;
import dev.simplec.api.service.TypeSerializer;

/**
 * The platform in Felix, provisioned with exactly the bundles of this build's distribution
 * (target/simplec/bundles): every service is found and wired, and double<i64> is instantiated
 * through the bridge's compiler service and executed.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PlatformIT {
    private static final String I64 = "[{\"kind\":\"int\",\"bits\":64,\"signed\":true}]";
    private static final String DOUBLE = "fn double<T: Num>(x: T) -> T { x + x }";

    @Inject
    private BundleContext context;

    @Inject
    private TypeSerializer serializer;

    @Inject
    private InferenceEngine inference;

    @Inject
    private CompilerService compiler;

    @Configuration
    public Option[] config() throws IOException {
        Path dist = Path.of(System.getProperty("simplec.dist")).toAbsolutePath();
        List<Option> options = new ArrayList<>();
        options.add(cleanCaches());
        options.add(systemPackages("sun.misc"));
        options.add(frameworkProperty("simplec.home").value(dist.toString()));
        options.add(frameworkProperty("gosh.args").value("--nointeractive --noshutdown"));
        options.add(junitBundles());
        try (Stream<Path> jars = Files.list(dist.resolve("bundles"))) {
            jars.filter(p -> p.toString().endsWith(".jar"))
                    .filter(p -> !p.getFileName().toString().startsWith("org.apache.felix.gogo.shell"))
                    .sorted()
                    .forEach(p -> options.add(bundle(p.toUri().toString())));
        }
        return options.toArray(new Option[0]);
    }

    @Test
    public void everyServiceIsRegistered() throws InvalidSyntaxException {
        assertTrue(serializer.getClass().getName().startsWith("dev.simplec.serializer."));
        assertTrue(inference.getClass().getName().startsWith("dev.simplec.inference."));
        Map<String, String> backends = new TreeMap<>();
        Collection<ServiceReference<CodegenBackend>> refs = context.getServiceReferences(CodegenBackend.class, null);
        for (ServiceReference<CodegenBackend> ref : refs) {
            backends.put((String) ref.getProperty(CodegenBackend.NAME),
                    ref.getProperty(CodegenBackend.ARCH) + " " + ref.getProperty(CodegenBackend.VERSION));
        }
        assertEquals(Map.of("aarch64", "aarch64 1.0.0", "x86_64", "x86_64 1.0.0"), backends);
        assertEquals(List.of(new BackendInfo("aarch64", "aarch64", "1.0.0", false),
                new BackendInfo("x86_64", "x86_64", "1.0.0", true)),
                compiler.backends().stream().sorted((a, b) -> a.name().compareTo(b.name()))
                        .map(b -> new BackendInfo(b.name(), b.arch(), b.version(), b.active())).toList());
    }

    @Test
    public void theBridgeBundleIsActiveAndTheCompilerServiceRegistered() {
        assertTrue(context.getServiceReference("dev.simplec.api.service.CompilerService") != null);
        boolean bridgeActive = Stream.of(context.getBundles())
                .anyMatch(b -> b.getSymbolicName().equals("dev.simplec.bridge") && b.getState() == org.osgi.framework.Bundle.ACTIVE);
        assertTrue(bridgeActive);
    }

    @Test
    public void infersTheSeedExample() {
        try (CompilerSession session = compiler.openSession(null)) {
            assertEquals(I64, session.inferTypes("{\"name\":\"id\",\"params\":[{\"name\":\"T\"}]}",
                    "[{\"source\":\"call_site\",\"param_index\":0,\"ty\":{\"kind\":\"int\",\"bits\":64,\"signed\":true}}]"));
        }
    }

    @Test
    public void instantiatesDoubleAndItReturns84() throws Exception {
        CompiledCode code;
        try (CompilerSession session = compiler.openSession(null)) {
            code = session.instantiate(DOUBLE, I64);
        }
        assertEquals("x86_64", code.arch());
        Path blob = NativeTools.WORK.resolve("double-i64.x86_64.bin");
        Files.createDirectories(NativeTools.WORK);
        Files.write(blob, code.code());
        Path runner = NativeTools.compile("gcc", "run_blob.c", "run_blob");
        NativeTools.Run run = NativeTools.run(List.of(runner.toString(), blob.toString(), "42"), Map.of(), 30);
        assertEquals(run.describe(), "84\n", run.stdout());
    }

    @Test
    public void statsAreReadableFromJavaAndTheShell() throws Exception {
        try (CompilerSession session = compiler.openSession(null)) {
            session.instantiate(DOUBLE, I64);
            session.instantiate(DOUBLE, I64);
            assertEquals(new CacheStats(1, 1, 0, 1, 4096), session.stats().instantiate());
            assertTrue(compiler.sessionStats().contains(session.stats()));

            // simplec:stats, as Gogo finds and calls it.
            ServiceReference<?>[] refs = context.getServiceReferences((String) null,
                    "(&(osgi.command.scope=simplec)(osgi.command.function=stats))");
            assertEquals(1, refs.length);
            Object command = java.util.Objects.requireNonNull(context.getService(refs[0]));
            String table = (String) command.getClass().getMethod("stats").invoke(command);
            String id = Long.toString(session.stats().id());
            assertTrue(table, table.contains(String.format("%-8s %-8s %-12s %10s %10s %9s %10s %14s%n",
                    id, "active", "instantiate", 1, 1, "50.0 %", 0, "1/4096")));
        }
    }

    @Test
    public void aPinnedSessionCompilesForAarch64() {
        try (CompilerSession session = compiler.openSession("aarch64")) {
            CompiledCode code = session.instantiate(DOUBLE, I64);
            assertEquals("aarch64", code.arch());
            assertEquals(0, code.size() % 4);
            // The last instruction of a leaf function is RET (0xd65f03c0, little-endian).
            byte[] bytes = code.code();
            byte[] last = {bytes[bytes.length - 4], bytes[bytes.length - 3], bytes[bytes.length - 2], bytes[bytes.length - 1]};
            assertArrayEquals(new byte[] {(byte) 0xc0, 0x03, 0x5f, (byte) 0xd6}, last);
        }
    }
}
