package org.kith.workflow;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import org.flowable.task.api.Task;
import org.kith.identity.CurrentUser;

/**
 * What completing one kind of user task means: the form it takes, any rule about who may take it beyond
 * its candidate group, and what to record. Each module contributes the handlers for its own tasks.
 */
public interface TaskFormHandler<F> {

    /** @param variable reads one process variable when asked: most handlers need none, so none are loaded up front */
    record TaskContext(Task task, long applicationId, CurrentUser user, Function<String, Object> variable) {

        public long longVariable(String name) {
            return ((Number) variable.apply(name)).longValue();
        }
    }

    /**
     * @param variables          routing facts for the engine (kept in its tables)
     * @param transientVariables values the process needs only while it moves on (free text stays out of history)
     * @param handBack           true when the task is not completed but handed back, unassigned
     */
    record Completion(Map<String, Object> variables, Map<String, Object> transientVariables, boolean handBack) {

        public static Completion complete(Map<String, Object> variables) {
            return new Completion(variables, Map.of(), false);
        }

        public static Completion complete(Map<String, Object> variables, Map<String, Object> transientVariables) {
            return new Completion(variables, transientVariables, false);
        }

        public static Completion handBackToPool() {
            return new Completion(Map.of(), Map.of(), true);
        }
    }

    String taskKey();

    Class<F> formType();

    /**
     * A rule beyond the candidate group, e.g. an assessor may not assess the same application twice, for all the
     * given tasks of this kind at once: the inbox asks about hundreds, so a rule that reads the database should
     * read it once for all of them, not once per task.
     */
    default Predicate<TaskContext> takeRule(CurrentUser user, Collection<TaskContext> tasks) {
        return task -> true;
    }

    /**
     * The same rule for the inbox's pool, as application ids the database can leave out: of the tasks of this kind
     * nobody holds, those of these applications are not for this person. {@code held} gives, when asked, the
     * applications of the tasks of this kind they hold now. Must agree with {@link #takeRule}.
     */
    default java.util.Set<Long> applicationsNotTakeable(CurrentUser user,
            java.util.function.Supplier<java.util.Set<Long>> held) {
        return java.util.Set.of();
    }

    default boolean mayTake(TaskContext context) {
        return takeRule(context.user(), List.of(context)).test(context);
    }

    /** Validates the form (throwing InvalidInputException) and records it in our tables. */
    Completion handle(TaskContext context, F form);
}
