package org.kith.workflow;

/**
 * What one inbox page asks for beyond paging: of one kind of task, in one fund, on one route, by due date, in an
 * order. Every part may be left out (null, {@link Due#ANY}, {@link Sort#RECEIVED}).
 */
public record InboxQuery(String taskKey, Long fundId, String route, Due due, Sort sort) {

    public InboxQuery {
        due = due == null ? Due.ANY : due;
        sort = sort == null ? Sort.RECEIVED : sort;
    }

    public static InboxQuery all() {
        return new InboxQuery(null, null, null, Due.ANY, Sort.RECEIVED);
    }

    public static InboxQuery ofKind(String taskKey) {
        return new InboxQuery(taskKey, null, null, Due.ANY, Sort.RECEIVED);
    }

    /** OVERDUE: due before now; SOON: due from now to 7 days on (not yet overdue). */
    public enum Due {
        ANY, OVERDUE, SOON
    }

    /** RECEIVED: oldest application first; DUE: soonest due first, no due date last; AMOUNT: largest first. */
    public enum Sort {
        RECEIVED, DUE, AMOUNT
    }
}
