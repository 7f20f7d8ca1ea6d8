/** TypeInfo, hints and template descriptions: the values that cross the C ABI as JSON. */
@Export
@Version("1.0.0")
@NonNullByDefault
package dev.simplec.api.types;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
