package org.kith.workflow;

/** User task definition keys: part of the API contract (GET /api/tasks returns them as {@code key}). */
public final class TaskKeys {

    public static final String ASSESS_APPLICATION = "assessApplication";
    public static final String DECIDE_APPLICATION = "decideApplication";
    public static final String PROVIDE_INFORMATION = "provideInformation";
    public static final String ACCEPT_OFFER = "acceptOffer";
    public static final String RECORD_PAYMENT = "recordPayment";
    public static final String SUBMIT_REPORT = "submitReport";
    public static final String REVIEW_REPORT = "reviewReport";
    public static final String REVIEW_VARIATION = "reviewVariation";

    private TaskKeys() {
    }
}
