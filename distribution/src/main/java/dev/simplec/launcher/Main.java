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
        String script = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--background" -> background = true;
                case "--script" -> {
                    if (i + 1 == args.length) {
                        System.err.println("simplec: --script needs a file");
                        System.exit(2);
                    }
                    script = Path.of(args[++i]).toAbsolutePath().toString();
                }
                case "--help", "-h" -> {
                    System.out.println("usage: simplec [--background | --script FILE]");
                    System.out.println("  Starts Felix with the simplec bundles; with a Gogo shell unless --background.");
                    System.out.println("  --script FILE runs the Gogo commands in FILE, then stops.");
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
        } else if (script != null) {
            // Gogo runs the script and, being neither interactive nor told otherwise, then stops the framework.
            overrides.put("gosh.args", "--nointeractive " + script);
        }
        Framework framework = Platform.start(Path.of(home), overrides);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> Platform.stop(framework), "simplec-shutdown"));
        framework.waitForStop(0); // the shell's `exit` (or end of input) stops the framework
    }
}
