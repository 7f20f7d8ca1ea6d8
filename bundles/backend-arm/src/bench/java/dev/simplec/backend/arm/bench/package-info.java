/** Measurements outside the test run (compile time against the x86-64 backend). */
@NonNullByDefault
package dev.simplec.backend.arm.bench;

import org.eclipse.jdt.annotation.NonNullByDefault;
