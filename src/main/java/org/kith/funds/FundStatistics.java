package org.kith.funds;

import java.util.Map;

/**
 * A fund's published figures (IVAR: be open, publish success rates): how many applications were decided and how
 * many of those were funded. Defined here, answered by the dashboard, which owns the figures.
 */
public interface FundStatistics {

    record Published(long decided, long funded) {

        public double successRate() {
            return decided == 0 ? 0 : (double) funded / decided;
        }
    }

    /** By fund id; a fund with no decided application is missing. */
    Map<Long, Published> published();
}
