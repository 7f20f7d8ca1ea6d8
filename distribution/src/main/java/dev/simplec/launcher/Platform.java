package dev.simplec.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.apache.felix.framework.FrameworkFactory;
import org.eclipse.jdt.annotation.NonNullByDefault;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;

/**
 * Felix with the bundles of a distribution directory ({@code bundles/}, started in name order),
 * the settings of {@code conf/config.properties}, and {@code deploy/} watched by FileInstall.
 * Each process gets its own framework storage, so several native programs can host the platform
 * at once.
 */
public final class Platform {
    private static final String STORAGE_PREFIX = "simplec-felix-";

    private Platform() {
    }

    /** Starts Felix and every bundle of {@code home}; {@code overrides} win over conf/config.properties. */
    public static Framework start(Path home, Map<String, String> overrides) throws IOException, BundleException {
        Map<String, String> config = config(home);
        config.putAll(overrides);
        Framework framework = new FrameworkFactory().newFramework(config);
        framework.init();
        BundleContext context = framework.getBundleContext();
        Unloading.of(config.getOrDefault(Unloading.PROPERTY, "collect")).watch(context);
        List<Bundle> installed = new ArrayList<>();
        for (Path jar : jars(home.resolve("bundles"))) {
            // reference: leaves the jar where it is instead of copying it into the storage.
            installed.add(context.installBundle("reference:" + jar.toUri()));
        }
        framework.start();
        // Declarative Services first, so each component comes up as its bundle starts; the shell
        // last, so that a script it runs finds every command registered.
        installed.sort(Comparator.comparingInt(Platform::startRank));
        for (Bundle bundle : installed) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                bundle.start();
            }
        }
        return framework;
    }

    private static int startRank(Bundle bundle) {
        return switch (String.valueOf(bundle.getSymbolicName())) {
            case "org.apache.felix.scr" -> 0;
            case "org.apache.felix.gogo.shell" -> 2;
            default -> 1;
        };
    }

    static Map<String, String> config(Path home) throws IOException {
        Map<String, String> config = new HashMap<>();
        Path file = home.resolve("conf/config.properties");
        if (Files.isRegularFile(file)) {
            Properties props = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                props.load(in);
            }
            String homeText = home.toString();
            for (String key : props.stringPropertyNames()) {
                // A system property of the same name wins (the file's header promises it): Felix
                // itself would prefer this map, where the file's value sits, over -D.
                String value = System.getProperty(key, props.getProperty(key));
                config.put(key, value.replace("${simplec.home}", homeText));
            }
        }
        config.put("simplec.home", home.toString());
        config.putIfAbsent("felix.fileinstall.dir", home.resolve("deploy").toString());
        Path storage = storageDir();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        return config;
    }

    private static List<Path> jars(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a directory");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        }
    }

    /** A storage directory for this process; those left by processes that are gone are removed. */
    private static Path storageDir() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> old = Files.list(tmp)) {
            old.filter(p -> p.getFileName().toString().startsWith(STORAGE_PREFIX))
                    .filter(p -> !isAlive(p.getFileName().toString().substring(STORAGE_PREFIX.length())))
                    .forEach(Platform::deleteTree);
        }
        return tmp.resolve(STORAGE_PREFIX + ProcessHandle.current().pid());
    }

    private static boolean isAlive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true; // not ours to delete
        }
    }

    /**
     * Removes a tree, best effort. Another process starting at the same moment may be removing the
     * same stale tree: what vanishes under the walk is skipped, never an error of this start.
     * (No null default here: the visitor overrides the JDK's unannotated methods.)
     */
    @NonNullByDefault({})
    static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // Best effort: a later start removes what is left.
        }
    }

    /** Stops the framework, waits for it, and removes its storage. */
    public static void stop(Framework framework) {
        String storage = framework.getBundleContext() == null ? null
                : framework.getBundleContext().getProperty(Constants.FRAMEWORK_STORAGE);
        try {
            framework.stop();
            framework.waitForStop(10_000);
        } catch (BundleException | InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (storage != null) {
            deleteTree(Path.of(storage));
        }
    }
}
