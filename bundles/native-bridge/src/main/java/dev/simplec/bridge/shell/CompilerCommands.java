package dev.simplec.bridge.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;

import org.eclipse.jdt.annotation.Nullable;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.service.BackendInfo;
import dev.simplec.api.service.CompiledCode;
import dev.simplec.api.service.CompilerService;
import dev.simplec.api.service.CompilerSession;
import dev.simplec.api.service.InferenceEngine;
import dev.simplec.bridge.compiler.PlatformCompiler;

/**
 * The Gogo commands of the platform (scope {@code simplec}). A template argument is a file name,
 * or the template text itself; type arguments are a JSON array of TypeInfo. Errors come back as
 * the message the C ABI would give.
 */
@Component(service = CompilerCommands.class, property = {
        "osgi.command.scope=simplec",
        "osgi.command.function=backends", "osgi.command.function=use", "osgi.command.function=infer",
        "osgi.command.function=check", "osgi.command.function=instantiate", "osgi.command.function=disasm",
        "osgi.command.function=run"})
public final class CompilerCommands {
    private final CompilerService compiler;
    private final InferenceEngine inference;
    private volatile @Nullable ConfigurationAdmin configAdmin;

    @Activate
    public CompilerCommands(@Reference CompilerService compiler, @Reference InferenceEngine inference) {
        this.compiler = compiler;
        this.inference = inference;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setConfigAdmin(ConfigurationAdmin admin) {
        configAdmin = admin;
    }

    void unsetConfigAdmin(ConfigurationAdmin admin) {
        if (configAdmin == admin) {
            configAdmin = null;
        }
    }

    /** {@code simplec:backends}: name, arch, version, active, compiles served. */
    public String backends() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-10s %-8s %-9s %-7s %s%n",
                "name", "arch", "version", "active", "compiles"));
        for (BackendInfo b : compiler.backends()) {
            sb.append(String.format(Locale.ROOT, "%-10s %-8s %-9s %-7s %d%n", b.name(), b.arch(), b.version(),
                    b.active() ? "*" : "", b.compiles()));
        }
        return sb.toString();
    }

    /** {@code simplec:use <name|auto>}: makes a backend active, through ConfigAdmin (so it persists like any setting). */
    public String use(String backend) throws IOException {
        ConfigurationAdmin admin = configAdmin;
        if (admin == null) {
            return "ConfigAdmin is not running: set simplec.backend in conf/config.properties instead\n";
        }
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(PlatformCompiler.BACKEND, backend);
        admin.getConfiguration(PlatformCompiler.PID, "?").update(props);
        // ConfigAdmin delivers the update on its own thread: wait until the facade has it.
        String wanted = backend.equals("auto") ? PlatformCompiler.hostArch() : backend;
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (compiler.backends().stream().noneMatch(b -> b.active() && b.name().equals(wanted))) {
            if (System.nanoTime() > deadline) {
                return "no backend named " + wanted + " became active (simplec:backends lists them)\n";
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return "active backend: " + wanted + "\n";
    }

    /** {@code simplec:infer <template_json> <hints_json>}. */
    public String infer(String templateJson, String hintsJson) {
        try (CompilerSession session = compiler.openSession(null)) {
            return guard(() -> session.inferTypes(templateJson, hintsJson) + "\n");
        }
    }

    /** {@code simplec:check <template>}. */
    public String check(String template) {
        String source = source(template);
        try (CompilerSession session = compiler.openSession(null)) {
            return guard(() -> {
                session.checkTypes(source);
                return "ok: the template is well typed\n";
            });
        }
    }

    /** {@code simplec:instantiate <template> <types_json>}: size, backend and the code in hex. */
    public String instantiate(String template, String typesJson) {
        String source = source(template);
        try (CompilerSession session = compiler.openSession(null)) {
            return guard(() -> {
                CompiledCode code = session.instantiate(source, typesJson);
                StringBuilder sb = new StringBuilder(code.size() + " bytes of " + code.arch() + " code from "
                        + code.backend() + " " + code.version() + ":\n");
                byte[] bytes = code.code();
                for (int i = 0; i < bytes.length; i++) {
                    sb.append(String.format(Locale.ROOT, "%02x", bytes[i] & 0xff)).append(i % 16 == 15 ? "\n" : " ");
                }
                return sb.append('\n').toString();
            });
        }
    }

    /** {@code simplec:disasm <template> <types_json>}. */
    public String disasm(String template, String typesJson) {
        String source = source(template);
        try (CompilerSession session = compiler.openSession(null)) {
            return guard(() -> session.disassemble(source, typesJson));
        }
    }

    /** {@code simplec:run <template> <types_json> <args…>}: instantiates and calls it here (scalars only). */
    public String run(String template, String typesJson, String... args) {
        String source = source(template);
        try (CompilerSession session = compiler.openSession(null)) {
            return guard(() -> {
                CompiledCode code = session.instantiate(source, typesJson);
                String host = PlatformCompiler.hostArch();
                if (!code.arch().equals(host)) {
                    throw new SimplecException(ErrorKind.UNSUPPORTED, "the active backend makes " + code.arch()
                            + " code, which does not run on this " + host + " host");
                }
                IrFunction entry = inference.instantiate(source, session.serializer().readTypes(typesJson)).entry();
                return entry.name() + "(" + String.join(", ", args) + ") = "
                        + NativeRunner.run(entry, code.code(), List.of(args)) + "\n";
            });
        }
    }

    /** A file's text when {@code template} names a file, else the text itself (which has braces). */
    private static String source(String template) {
        if (template.contains("{") || template.contains("\n")) {
            return template;
        }
        try {
            return Files.readString(Path.of(template));
        } catch (IOException | RuntimeException e) {
            throw new SimplecException(ErrorKind.INVALID_INPUT, "cannot read the template file " + template + ": " + e);
        }
    }

    private interface Body {
        String run();
    }

    /** The C ABI's message instead of a stack trace for the errors a user makes. */
    private static String guard(Body body) {
        try {
            return body.run();
        } catch (SimplecException e) {
            return "error: " + e.getMessage() + "\n";
        }
    }
}
