package dev.simplec.launcher;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.After;
import org.junit.Test;

/** conf/config.properties as the platform reads it: the file's values, and -D over them. */
public class PlatformConfigTest {
    private static final String KEY = "simplec.test.setting";

    @After
    public void clear() {
        System.clearProperty(KEY);
    }

    private static Path home(String properties) throws IOException {
        Path home = Files.createTempDirectory("simplec-home");
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/config.properties"), properties);
        return home;
    }

    @Test
    public void theFileGivesEachSettingWithTheHomeExpanded() throws IOException {
        Path home = home(KEY + "=${simplec.home}/x\n");
        Map<String, String> config = Platform.config(home);
        assertEquals(home + "/x", config.get(KEY));
        assertEquals(home.toString(), config.get("simplec.home"));
    }

    @Test
    public void aSystemPropertyWinsOverTheFile() throws IOException {
        Path home = home(KEY + "=auto\n");
        System.setProperty(KEY, "x86_64");
        assertEquals("x86_64", Platform.config(home).get(KEY));
    }
}
