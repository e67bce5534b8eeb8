package org.kith.workflow;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.flowable.engine.ProcessEngineConfiguration;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The application's clock is the engine's clock, so due dates we compute and timers the engine fires
 * agree; tests move both at once by moving the engine clock.
 */
final class EngineClock extends Clock {

    private final ObjectProvider<ProcessEngineConfiguration> engine;

    EngineClock(ObjectProvider<ProcessEngineConfiguration> engine) {
        this.engine = engine;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }

    @Override
    public Instant instant() {
        ProcessEngineConfiguration configuration = engine.getIfAvailable();
        return configuration == null ? Instant.now() : configuration.getClock().getCurrentTime().toInstant();
    }
}
