/** The service interfaces: serializer, inference engine, codegen backend and the compiler facade. */
@Export
@Version("1.1.0")
@NonNullByDefault
package dev.simplec.api.service;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
