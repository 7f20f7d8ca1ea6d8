/** The x86-64 code generator (System V ABI, SSE2) as a {@code CodegenBackend} service. */
@NonNullByDefault
package dev.simplec.backend.x86;

import org.eclipse.jdt.annotation.NonNullByDefault;
