package org.kith;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Keeps the arrows between the business modules (the top-level packages) honest: no cycles. */
class ModuleStructureTest {

    @Test
    void modulesDependOnEachOtherWithoutCycles() {
        ApplicationModules.of(KithApplication.class).verify();
    }
}
