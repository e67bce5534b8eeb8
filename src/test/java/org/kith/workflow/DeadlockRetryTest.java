package org.kith.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLTransactionRollbackException;
import java.util.concurrent.atomic.AtomicInteger;

import org.flowable.common.engine.api.FlowableException;
import org.flowable.common.engine.api.FlowableOptimisticLockingException;
import org.junit.jupiter.api.Test;

class DeadlockRetryTest {

    @Test
    void aDeadlockVictimIsRunAgain() {
        AtomicInteger calls = new AtomicInteger();
        String result = DeadlockRetry.run(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new FlowableException("update failed",
                        new SQLTransactionRollbackException("Deadlock found when trying to get lock", "40001"));
            }
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(calls).hasValue(2);
    }

    @Test
    void someoneElseFinishingFirstIsNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> DeadlockRetry.run(() -> {
            calls.incrementAndGet();
            throw new FlowableOptimisticLockingException("task was updated by another transaction");
        })).isInstanceOf(FlowableOptimisticLockingException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void itGivesUpAfterThreeAttempts() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> DeadlockRetry.run(() -> {
            calls.incrementAndGet();
            throw new FlowableException("x", new SQLTransactionRollbackException("deadlock", "40001"));
        })).isInstanceOf(FlowableException.class);
        assertThat(calls).hasValue(3);
    }
}
