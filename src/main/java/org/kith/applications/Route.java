package org.kith.applications;

/** The proportionate assessment route, chosen by the assessmentRoute decision table. */
public enum Route {
    LIGHT_TOUCH(1), FULL(2);

    private final int assessments;

    Route(int assessments) {
        this.assessments = assessments;
    }

    public int assessments() {
        return assessments;
    }
}
