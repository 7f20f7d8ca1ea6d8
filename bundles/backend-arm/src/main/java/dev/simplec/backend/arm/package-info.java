/** The AArch64 code generator (AAPCS64) as a {@code CodegenBackend} service. */
@NonNullByDefault
package dev.simplec.backend.arm;

import org.eclipse.jdt.annotation.NonNullByDefault;
