package org.kith.awards;

public enum DecisionOutcome {
    AWARD, DECLINE, REQUEST_INFORMATION
}
