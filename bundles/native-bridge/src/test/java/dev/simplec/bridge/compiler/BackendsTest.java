package dev.simplec.bridge.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.ir.IrModule;
import dev.simplec.api.service.BackendInfo;
import dev.simplec.api.service.CodegenBackend;
import dev.simplec.api.service.CompiledCode;

class BackendsTest {
    /** A backend that is told apart by identity only; selection never calls compile. */
    private static final class Named implements CodegenBackend {
        @Override
        public CompiledCode compile(IrModule module) {
            throw new UnsupportedOperationException();
        }
    }

    private static Map<String, Object> props(String name, String version, int ranking, long id) {
        Map<String, Object> p = new HashMap<>();
        p.put(CodegenBackend.NAME, name);
        p.put(CodegenBackend.ARCH, name);
        p.put(CodegenBackend.VERSION, version);
        p.put("service.ranking", ranking);
        p.put("service.id", id);
        return p;
    }

    @Test
    void autoMeansTheHostArchitecture() {
        Backends backends = new Backends();
        Named x86 = new Named();
        Named arm = new Named();
        backends.add(x86, props("x86_64", "1.0.0", 0, 1));
        backends.add(arm, props("aarch64", "1.0.0", 0, 2));
        assertSame(Backends.hostArch().equals("aarch64") ? arm : x86, backends.select(null, "auto").backend());
        assertSame(arm, backends.select("aarch64", "auto").backend());
        assertSame(x86, backends.select(null, "x86_64").backend());
    }

    @Test
    void theHighestVersionWinsAmongEqualRanking() {
        Backends backends = new Backends();
        Named old = new Named();
        Named newer = new Named();
        Named older = new Named();
        backends.add(old, props("x86_64", "1.2.0", 0, 1));
        backends.add(newer, props("x86_64", "1.10.0", 0, 2));
        backends.add(older, props("x86_64", "1.9.9", 0, 3));
        assertSame(newer, backends.select("x86_64", "auto").backend());
        backends.remove(newer);
        assertSame(older, backends.select("x86_64", "auto").backend());
    }

    @Test
    void rankingComesBeforeVersion() {
        Backends backends = new Backends();
        Named ranked = new Named();
        backends.add(ranked, props("x86_64", "1.0.0", 10, 1));
        backends.add(new Named(), props("x86_64", "2.0.0", 0, 2));
        assertSame(ranked, backends.select("x86_64", "auto").backend());
    }

    @Test
    void listMarksTheActiveBackend() {
        Backends backends = new Backends();
        backends.add(new Named(), props("x86_64", "1.0.0", 0, 1));
        backends.add(new Named(), props("aarch64", "1.0.0", 0, 2));
        assertEquals(List.of(new BackendInfo("x86_64", "x86_64", "1.0.0", false),
                new BackendInfo("aarch64", "aarch64", "1.0.0", true)), backends.list("aarch64"));
    }

    @Test
    void noBackendIsAClearError() {
        Backends backends = new Backends();
        SimplecException none = assertThrows(SimplecException.class, () -> backends.select("x86_64", "auto"));
        assertEquals(ErrorKind.UNAVAILABLE, none.kind());
        assertEquals("no codegen backend named x86_64 is registered (no backend is registered)", none.getMessage());
        backends.add(new Named(), props("aarch64", "1.0.0", 0, 1));
        SimplecException unknown = assertThrows(SimplecException.class, () -> backends.checkKnown("sparc"));
        assertEquals(ErrorKind.INVALID_INPUT, unknown.kind());
        assertEquals("no codegen backend named sparc is registered (registered: aarch64)", unknown.getMessage());
    }

    @Test
    void aCallWaitsForABackendThatIsBeingSwapped() throws Exception {
        Backends backends = new Backends(5_000);
        Named next = new Named();
        Thread registers = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            backends.add(next, props("x86_64", "1.0.1", 0, 7));
        });
        registers.start();
        assertSame(next, backends.select("x86_64", "auto").backend());
        registers.join();
    }

    @Test
    void theWaitEnds() {
        Backends backends = new Backends(50);
        assertEquals("no codegen backend named aarch64 is registered (no backend is registered)",
                assertThrows(SimplecException.class, () -> backends.select(null, "aarch64")).getMessage());
    }

    @Test
    void versionsCompareNumerically() {
        assertEquals(1, Integer.signum(Version.parse("1.10.0").compareTo(Version.parse("1.9.0"))));
        assertEquals(0, Version.parse("2").compareTo(Version.parse("2.0.0")));
        assertEquals("0.0.0", Version.parse("x.y").toString());
    }
}
