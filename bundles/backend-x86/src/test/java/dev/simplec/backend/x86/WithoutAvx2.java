package dev.simplec.backend.x86;

/**
 * Runs test code as on a host without AVX2 ({@code -Dsimplec.x86.avx2=false}, which {@code HostCpu}
 * reads at each compile), then puts the property back as it was.
 */
final class WithoutAvx2 {
    interface Body {
        void run() throws Exception;
    }

    private static final String PROPERTY = "simplec.x86.avx2";

    private WithoutAvx2() {
    }

    static void run(Body body) throws Exception {
        String before = System.getProperty(PROPERTY);
        System.setProperty(PROPERTY, "false");
        try {
            body.run();
        } finally {
            if (before == null) {
                System.clearProperty(PROPERTY);
            } else {
                System.setProperty(PROPERTY, before);
            }
        }
    }
}
