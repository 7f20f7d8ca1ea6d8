/** The serializer bundle's Declarative Services component: the {@code TypeSerializer} service. Private. */
@NonNullByDefault
package dev.simplec.serializer;

import org.eclipse.jdt.annotation.NonNullByDefault;
