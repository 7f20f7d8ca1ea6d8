/** What makes a TypeInfo well formed, and the bounds on input; shared by the JSON and binary forms. Private. */
@NonNullByDefault
package dev.simplec.serializer.rules;

import org.eclipse.jdt.annotation.NonNullByDefault;
