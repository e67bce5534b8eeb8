package org.kith.workflow;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flowable.common.engine.api.delegate.event.FlowableEventListener;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.job.service.impl.asyncexecutor.AbstractAsyncExecutor;
import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
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

    /**
     * Flowable writes a transaction's rows in multi-row INSERTs that MyBatis assembles anew each time from a
     * dynamic template. On MySQL that saves round trips and server work; on the embedded H2, which has neither,
     * assembling the SQL cost more than it saved (issue 9's JFR), so the embedded profile writes row by row.
     */
    @Bean
    EngineConfigurationConfigurer<SpringProcessEngineConfiguration> bulkInserts(
            @Value("${kith.workflow.bulk-insert:true}") boolean bulkInsert) {
        return engine -> engine.setBulkInsertEnabled(bulkInsert);
    }

    /**
     * Each node locks jobs and timers under its own name, so ACT_RU_JOB.LOCK_OWNER_ says which node holds a job
     * (Flowable's default is a bare UUID). The random part keeps two engines on one host and pid apart.
     */
    @Bean
    EngineConfigurationConfigurer<SpringProcessEngineConfiguration> nodeLockOwner(
            @Value("${flowable.process.async.executor.lock-owner:}") String configured) {
        return engine -> {
            if (configured.isBlank() && engine.getAsyncExecutor() instanceof AbstractAsyncExecutor executor) {
                executor.setLockOwner(nodeName() + "-" + UUID.randomUUID().toString().substring(0, 8));
            }
        };
    }

    static String nodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "kith";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
