package org.kith.workflow;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.flowable.common.engine.api.delegate.event.FlowableEventListener;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class WorkflowConfig {

    @Bean
    Clock clock(ObjectProvider<ProcessEngineConfiguration> engine) {
        return new EngineClock(engine);
    }

    /** The task-list read model listens to the engine's task events, in the engine's transaction. */
    @Bean
    EngineConfigurationConfigurer<SpringProcessEngineConfiguration> taskReadModelListener(TaskReadModel model) {
        return engine -> {
            Map<String, List<FlowableEventListener>> typed = engine.getTypedEventListeners() == null
                    ? new java.util.HashMap<>() : new java.util.HashMap<>(engine.getTypedEventListeners());
            for (var type : TaskReadModel.TYPES) {
                List<FlowableEventListener> listeners = new ArrayList<>(typed.getOrDefault(type.name(), List.of()));
                listeners.add(model);
                typed.put(type.name(), listeners);
            }
            engine.setTypedEventListeners(typed);
        };
    }
}
