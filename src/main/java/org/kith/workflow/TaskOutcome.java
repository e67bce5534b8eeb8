package org.kith.workflow;

/** What became of a task the caller acted on. */
public record TaskOutcome(String id, String key, long applicationId, String outcome) {

    public static final String COMPLETED = "COMPLETED";
    public static final String CLAIMED = "CLAIMED";
    public static final String RETURNED_TO_POOL = "RETURNED_TO_POOL";
}
