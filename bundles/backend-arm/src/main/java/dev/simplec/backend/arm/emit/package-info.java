/** Machine code words: the assembler (one method per instruction form) and the emitter that drives it after register allocation. */
@NonNullByDefault
package dev.simplec.backend.arm.emit;

import org.eclipse.jdt.annotation.NonNullByDefault;
