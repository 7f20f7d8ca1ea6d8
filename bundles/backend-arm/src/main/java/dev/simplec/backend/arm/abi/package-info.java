/** The AAPCS64 calling convention and the stack frame built on it. */
@NonNullByDefault
package dev.simplec.backend.arm.abi;

import org.eclipse.jdt.annotation.NonNullByDefault;
