package org.kith.workflow;

import java.time.Clock;

import org.flowable.engine.ProcessEngineConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class WorkflowConfig {

    @Bean
    Clock clock(ObjectProvider<ProcessEngineConfiguration> engine) {
        return new EngineClock(engine);
    }
}
