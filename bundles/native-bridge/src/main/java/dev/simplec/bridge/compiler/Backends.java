package dev.simplec.bridge.compiler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.service.BackendInfo;
import dev.simplec.api.service.CodegenBackend;

/**
 * The registered backends and the choice among them (SPEC §7): a name asked for (a pinned
 * context, or the configured one), else {@code auto} = the host's architecture; among matches the
 * best service ranking, then the highest version. Each call picks once, so a call that started on
 * a backend finishes on it even if the service goes away meanwhile.
 */
final class Backends {
    /**
     * One registered backend service with the properties it was registered with; {@code label}
     * is the version as text, made once so that cache keys built per call do not format it.
     */
    record Entry(CodegenBackend backend, String name, String arch, Version version, String label, int ranking,
            long serviceId, LongAdder served) {
    }

    private static final Comparator<Entry> PREFERENCE = Comparator.comparingInt(Entry::ranking)
            .thenComparing(Entry::version)
            .thenComparing(Comparator.comparingLong(Entry::serviceId).reversed());

    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final Object changed = new Object();
    private final long swapWaitMillis;

    /** @param swapWaitMillis how long a call waits for a backend to (re)appear, e.g. during a bundle update */
    Backends(long swapWaitMillis) {
        this.swapWaitMillis = swapWaitMillis;
    }

    Backends() {
        this(0);
    }

    void add(CodegenBackend backend, Map<String, Object> props) {
        Version version = Version.parse(string(props, CodegenBackend.VERSION, "0.0.0"));
        entries.add(new Entry(backend,
                string(props, CodegenBackend.NAME, "unnamed"),
                string(props, CodegenBackend.ARCH, "unknown"),
                version,
                version.toString(),
                props.get("service.ranking") instanceof Integer r ? r : 0,
                props.get("service.id") instanceof Long id ? id : 0L,
                new LongAdder()));
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    void remove(CodegenBackend backend) {
        entries.removeIf(e -> e.backend() == backend);
    }

    /**
     * The backend for a call: by {@code name} when given, else the configured one or the host's
     * arch. When none matches, waits up to the swap wait for one: a bundle update unregisters the
     * old service before the new one registers, and a call in that window should not fail.
     */
    Entry select(@Nullable String name, String configured) {
        String wanted = name != null ? name : configured;
        Entry best = best(wanted);
        if (best == null && swapWaitMillis > 0) {
            long deadline = System.nanoTime() + swapWaitMillis * 1_000_000L;
            synchronized (changed) {
                long left;
                while ((best = best(wanted)) == null && (left = deadline - System.nanoTime()) > 0) {
                    try {
                        changed.wait(Math.max(1, left / 1_000_000L));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        }
        if (best == null) {
            throw new SimplecException(ErrorKind.UNAVAILABLE, noBackend(wanted));
        }
        return best;
    }

    /** Throws unless some backend is registered under {@code name}. */
    void checkKnown(String name) {
        if (best(name) == null) {
            throw new SimplecException(ErrorKind.INVALID_INPUT, noBackend(name));
        }
    }

    List<BackendInfo> list(String configured) {
        Entry active = best(configured);
        List<BackendInfo> out = new ArrayList<>();
        for (Entry e : entries) {
            out.add(new BackendInfo(e.name(), e.arch(), e.label(), e == active, e.served().sum()));
        }
        return out;
    }

    private @Nullable Entry best(String wanted) {
        String name = "auto".equals(wanted) ? hostArch() : wanted;
        Entry best = null;
        for (Entry e : entries) {
            if (e.name().equals(name) && (best == null || PREFERENCE.compare(e, best) > 0)) {
                best = e;
            }
        }
        return best;
    }

    private String noBackend(String wanted) {
        StringBuilder known = new StringBuilder();
        for (Entry e : entries) {
            known.append(known.length() == 0 ? "" : ", ").append(e.name());
        }
        String what = "auto".equals(wanted) ? "auto (" + hostArch() + ")" : wanted;
        return "no codegen backend named " + what + " is registered"
                + (known.length() == 0 ? " (no backend is registered)" : " (registered: " + known + ")");
    }

    /**
     * The host architecture in {@code uname -m} spelling, read once: every call that picks the
     * backend asks for it, and a system property lookup plus a string switch was 0.5 % of an
     * uncached kernel30 instantiation through the C ABI (fifteenth session's profile).
     */
    private static final String HOST_ARCH = archOf(System.getProperty("os.arch", ""));

    /** The host architecture in {@code uname -m} spelling. */
    static String hostArch() {
        return HOST_ARCH;
    }

    private static String archOf(String osArch) {
        return switch (osArch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> osArch;
        };
    }

    private static String string(Map<String, Object> props, String key, String fallback) {
        return props.get(key) instanceof String s ? s : fallback;
    }
}
