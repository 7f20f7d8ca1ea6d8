package dev.simplec.backend.arm;

import dev.simplec.api.service.CodegenBackend;
import dev.simplec.inference.BackendLimitsContract;

/** The backend's size limits: the cases of {@link BackendLimitsContract} on {@link Arm64Backend}. */
class Arm64LimitsTest extends BackendLimitsContract {
    @Override
    protected CodegenBackend backend() {
        return new Arm64Backend();
    }
}
