package dev.simplec.launcher;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.osgi.framework.launch.Framework;

/**
 * {@code bin/simplec}: runs the platform in the foreground with a Gogo shell, or with
 * {@code --background} as a service without a shell until it is stopped.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        boolean background = false;
        for (String arg : args) {
            switch (arg) {
                case "--background" -> background = true;
                case "--help", "-h" -> {
                    System.out.println("usage: simplec [--background]");
                    System.out.println("  Starts Felix with the simplec bundles; with a Gogo shell unless --background.");
                    return;
                }
                default -> {
                    System.err.println("simplec: unknown option " + arg + " (try --help)");
                    System.exit(2);
                }
            }
        }
        String home = System.getProperty("simplec.home");
        if (home == null) {
            System.err.println("simplec: -Dsimplec.home is not set (start through bin/simplec)");
            System.exit(2);
            return;
        }
        Map<String, String> overrides = new HashMap<>();
        if (background) {
            overrides.put("gosh.args", "--nointeractive --noshutdown");
        }
        Framework framework = Platform.start(Path.of(home), overrides);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> Platform.stop(framework), "simplec-shutdown"));
        framework.waitForStop(0); // the shell's `exit` (or end of input) stops the framework
    }
}
