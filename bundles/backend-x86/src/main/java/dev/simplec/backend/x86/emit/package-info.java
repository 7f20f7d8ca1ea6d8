/** Machine code bytes: the assembler (one method per instruction form) and the emitter that drives it after register allocation. */
@NonNullByDefault
package dev.simplec.backend.x86.emit;

import org.eclipse.jdt.annotation.NonNullByDefault;
