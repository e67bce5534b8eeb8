package org.kith.notifications;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The mail relay runs on a schedule; tests switch scheduling off and call it themselves. */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "kith.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class SchedulingConfig {
}
