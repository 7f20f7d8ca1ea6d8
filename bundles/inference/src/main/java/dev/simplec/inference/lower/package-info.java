/** Monomorphization of checked functions and their lowering to the api IR. */
@NonNullByDefault
package dev.simplec.inference.lower;

import org.eclipse.jdt.annotation.NonNullByDefault;
