package org.kith.assessment;

public enum Recommendation {
    FUND, FUND_IN_PART, DO_NOT_FUND
}
