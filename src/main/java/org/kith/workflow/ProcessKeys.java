package org.kith.workflow;

/** Ids in processes/*.bpmn20.xml and *.dmn that Java refers to. Renaming one breaks running instances. */
public final class ProcessKeys {

    public static final String GRANT_APPLICATION = "grantApplication";
    public static final String GRANT_VARIATION = "grantVariation";
    public static final String ASSESSMENT_ROUTE_DECISION = "assessmentRoute";
    public static final String WITHDRAWAL_MESSAGE = "applicationWithdrawn";
    public static final String GRANT_CLOSED_MESSAGE = "grantClosed";

    /** Process variables: only ids and routing facts, never personal data or free text. */
    public static final String APPLICATION_ID = "applicationId";
    public static final String VARIATION_ID = "variationId";

    public static long applicationId(org.flowable.variable.api.delegate.VariableScope execution) {
        return ((Number) execution.getVariable(APPLICATION_ID)).longValue();
    }

    private ProcessKeys() {
    }
}
