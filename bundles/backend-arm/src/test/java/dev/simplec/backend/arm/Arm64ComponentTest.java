package dev.simplec.backend.arm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The DS descriptor bnd generated from {@code @Component}: the bridge selects backends by these properties. */
class Arm64ComponentTest {
    @Test
    void registersCodegenBackendWithNameArchVersion() throws Exception {
        String xml = Files.readString(Path.of("target/classes/OSGI-INF/dev.simplec.backend.arm.Arm64Backend.xml"));
        assertTrue(xml.contains("<provide interface=\"dev.simplec.api.service.CodegenBackend\"/>"), xml);
        assertTrue(xml.contains("<property name=\"simplec.backend.name\" type=\"String\" value=\"aarch64\"/>"), xml);
        assertTrue(xml.contains("<property name=\"simplec.backend.arch\" type=\"String\" value=\"aarch64\"/>"), xml);
        assertTrue(xml.contains("<properties entry=\"OSGI-INF/backend.properties\"/>"), xml);
        // The version lives in the properties file, so a rebuilt jar can report another one.
        assertTrue(Files.readAllLines(Path.of("target/classes/OSGI-INF/backend.properties")).contains("simplec.backend.version=1.0.0"));
    }
}
