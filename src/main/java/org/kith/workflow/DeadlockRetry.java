package org.kith.workflow;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.CannotAcquireLockException;

/**
 * MySQL picks a victim when two transactions deadlock (parallel task completions do this). The victim's
 * whole transaction rolled back, so running it again is safe. Optimistic-lock conflicts are not retried:
 * they mean someone else really did it first (409).
 */
public final class DeadlockRetry {

    private static final Logger log = LoggerFactory.getLogger(DeadlockRetry.class);
    private static final int ATTEMPTS = 3;

    private DeadlockRetry() {
    }

    public static <T> T run(Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isDeadlock(e)) {
                    throw e;
                }
                log.info("Deadlock, retrying (attempt {} of {})", attempt + 1, ATTEMPTS);
            }
        }
    }

    static boolean isDeadlock(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CannotAcquireLockException || t instanceof SQLTransactionRollbackException) {
                return true;
            }
            if (t instanceof SQLException sql && "40001".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
