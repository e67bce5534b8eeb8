package org.kith.dashboard;

import java.util.HashMap;
import java.util.Map;

import org.kith.funds.FundStatistics;
import org.springframework.stereotype.Component;

/**
 * Success rates as published on the home page, from the same figures as each fund's statistics page
 * ({@link PublishedStatistics}): of the applications a fund manager decided, how many were offered a grant (whether
 * or not the group then took it up). Ineligible and withdrawn applications were never decided. As the last fold
 * left them, like every public figure.
 */
@Component
class PublishedFundStatistics implements FundStatistics {

    private final PublishedStatistics statistics;

    PublishedFundStatistics(PublishedStatistics statistics) {
        this.statistics = statistics;
    }

    @Override
    public Map<Long, Published> published() {
        Map<Long, Published> byFund = new HashMap<>();
        statistics.ofAllFunds().forEach((fundId, figures) -> {
            if (figures.decided() > 0) {
                byFund.put(fundId, new Published(figures.decided(), figures.offered()));
            }
        });
        return byFund;
    }
}
