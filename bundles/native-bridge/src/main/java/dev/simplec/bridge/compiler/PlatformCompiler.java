package dev.simplec.bridge.compiler;

import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.Nullable;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import dev.simplec.api.service.BackendInfo;
import dev.simplec.api.service.CodegenBackend;
import dev.simplec.api.service.CompilerService;
import dev.simplec.api.service.CompilerSession;
import dev.simplec.api.service.InferenceEngine;
import dev.simplec.api.service.TypeSerializer;

/**
 * The compiler facade. Backends come and go as services (dynamic, greedy), so a newer or a
 * restarted backend is picked up by the next call without restarting anything.
 */
@Component(service = CompilerService.class)
public final class PlatformCompiler implements CompilerService {
    /** Framework property naming the active backend: a backend name, or {@code auto} (the host's arch). */
    public static final String ACTIVE_BACKEND = "simplec.backend";

    private final TypeSerializer serializer;
    private final InferenceEngine inference;
    private final Backends backends = new Backends();
    private final String configured;

    @Activate
    public PlatformCompiler(BundleContext context, @Reference TypeSerializer serializer,
            @Reference InferenceEngine inference) {
        this.serializer = serializer;
        this.inference = inference;
        String property = context.getProperty(ACTIVE_BACKEND);
        this.configured = property == null || property.isBlank() ? "auto" : property.trim();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addBackend(CodegenBackend backend, Map<String, Object> props) {
        backends.add(backend, props);
    }

    void removeBackend(CodegenBackend backend) {
        backends.remove(backend);
    }

    @Override
    public CompilerSession openSession(@Nullable String backend) {
        if (backend != null) {
            backends.checkKnown(backend);
        }
        return new Session(serializer, inference, () -> backends.select(backend, configured).backend());
    }

    @Override
    public List<BackendInfo> backends() {
        return backends.list(configured);
    }
}
