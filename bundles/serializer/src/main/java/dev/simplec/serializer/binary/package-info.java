/** The compact, versioned binary form of a TypeInfo (seed §11.1, docs/json.md). Private. */
@NonNullByDefault
package dev.simplec.serializer.binary;

import org.eclipse.jdt.annotation.NonNullByDefault;
