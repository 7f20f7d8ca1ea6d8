package dev.simplec.bridge.compiler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.eclipse.jdt.annotation.Nullable;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import dev.simplec.api.service.BackendInfo;
import dev.simplec.api.service.CodegenBackend;
import dev.simplec.api.service.CompilerService;
import dev.simplec.api.service.CompilerSession;
import dev.simplec.api.service.InferenceEngine;
import dev.simplec.api.service.SessionStats;
import dev.simplec.api.service.TypeSerializer;
import dev.simplec.bridge.cache.CacheLimits;

/**
 * The compiler facade. Backends come and go as services (dynamic, greedy), so a newer or a
 * restarted backend is picked up by the next call without restarting anything. Open sessions are
 * tracked for their stats, and lose the cached code of a backend service that goes away.
 */
@Component(service = CompilerService.class, configurationPid = PlatformCompiler.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class PlatformCompiler implements CompilerService {
    /** Framework property naming the active backend: a backend name, or {@code auto} (the host's arch). */
    public static final String ACTIVE_BACKEND = "simplec.backend";
    /** ConfigAdmin PID of the platform; its property {@link #BACKEND} overrides {@link #ACTIVE_BACKEND}. */
    public static final String PID = "dev.simplec.platform";
    /** Configuration property: the active backend's name, or {@code auto}. */
    public static final String BACKEND = "backend";

    private final TypeSerializer serializer;
    private final InferenceEngine inference;
    /** Framework property: milliseconds a call waits for a backend during a swap (default 10000). */
    public static final String SWAP_WAIT = "simplec.backend.swapWaitMillis";

    private final Backends backends;
    private final String fromFramework;
    private volatile String configured; // read by every call that picks a backend
    private final CacheLimits limits;
    private final AtomicLong lastId = new AtomicLong();
    // Values are @Nullable because Map.get answers null for a missing key.
    private final Map<Long, @Nullable Session> open = new ConcurrentHashMap<>();

    @Activate
    public PlatformCompiler(BundleContext context, Map<String, Object> config, @Reference TypeSerializer serializer,
            @Reference InferenceEngine inference) {
        this(serializer, inference, context::getProperty);
        modified(config);
    }

    /** A ConfigAdmin update of {@link #PID}: switches the active backend for the calls that follow. */
    @Modified
    void modified(Map<String, Object> config) {
        configured = config.get(BACKEND) instanceof String name && !name.isBlank() ? name.trim() : fromFramework;
    }

    /**
     * The facade outside OSGi (benchmarks, embedding): {@code properties} answers the framework
     * properties {@link #ACTIVE_BACKEND} and those of {@link CacheLimits}, null when unset.
     * Backends are then added with {@link #addBackend}.
     */
    public PlatformCompiler(TypeSerializer serializer, InferenceEngine inference,
            Function<String, @Nullable String> properties) {
        this.serializer = serializer;
        this.inference = inference;
        String property = properties.apply(ACTIVE_BACKEND);
        this.fromFramework = property == null || property.isBlank() ? "auto" : property.trim();
        this.configured = fromFramework;
        this.limits = CacheLimits.from(properties);
        String wait = properties.apply(SWAP_WAIT);
        this.backends = new Backends(wait == null || wait.isBlank() ? 10_000 : Long.parseLong(wait.trim()));
    }

    /** A backend service and its properties ({@link CodegenBackend#NAME}, ..., {@code service.id}, {@code service.ranking}). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addBackend(CodegenBackend backend, Map<String, Object> props) {
        backends.add(backend, props);
    }

    public void removeBackend(CodegenBackend backend, Map<String, Object> props) {
        backends.remove(backend);
        if (props.get("service.id") instanceof Long serviceId) {
            for (Session session : open.values()) {
                if (session != null) {
                    session.forgetBackend(serviceId);
                }
            }
        }
    }

    @Override
    public CompilerSession openSession(@Nullable String backend) {
        if (backend != null) {
            backends.checkKnown(backend);
        }
        long id = lastId.incrementAndGet();
        Session session = new Session(id, backend, serializer, inference,
                () -> backends.select(backend, configured), limits, () -> open.remove(id));
        open.put(id, session);
        return session;
    }

    /** The host architecture in {@code uname -m} spelling: what {@code auto} selects. */
    public static String hostArch() {
        return Backends.hostArch();
    }

    @Override
    public List<BackendInfo> backends() {
        return backends.list(configured);
    }

    @Override
    public List<SessionStats> sessionStats() {
        List<SessionStats> out = new ArrayList<>();
        for (Session session : open.values()) {
            if (session != null) {
                out.add(session.stats());
            }
        }
        out.sort(Comparator.comparingLong(SessionStats::id));
        return out;
    }
}
