/** The AArch64 target description: machine opcodes and the register file the shared allocator works over. */
@NonNullByDefault
package dev.simplec.backend.arm.targ;

import org.eclipse.jdt.annotation.NonNullByDefault;
