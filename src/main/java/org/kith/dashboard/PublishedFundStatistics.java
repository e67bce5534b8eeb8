package org.kith.dashboard;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.kith.applications.ApplicationStatus;
import org.kith.funds.FundStatistics;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Success rates as published on the home page: of the applications a fund manager decided, how many were offered a
 * grant (whether or not the group then took it up). Ineligible and withdrawn applications were never decided.
 */
@Component
class PublishedFundStatistics implements FundStatistics {

    static final List<ApplicationStatus> FUNDED = List.of(ApplicationStatus.OFFERED, ApplicationStatus.OFFER_DECLINED,
            ApplicationStatus.OFFER_LAPSED, ApplicationStatus.FUNDED, ApplicationStatus.CLOSED);

    private final JdbcClient jdbc;

    PublishedFundStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<Long, Published> published() {
        Map<Long, Published> byFund = new HashMap<>();
        jdbc.sql("""
                SELECT fund_id, COUNT(*) AS decided, SUM(CASE WHEN status IN (:funded) THEN 1 ELSE 0 END) AS funded
                FROM application WHERE status IN (:decided) GROUP BY fund_id""")
                .param("funded", FUNDED.stream().map(Enum::name).toList())
                .param("decided", decided())
                .query((rs, row) -> Map.entry(rs.getLong("fund_id"),
                        new Published(rs.getLong("decided"), rs.getLong("funded"))))
                .list().forEach(e -> byFund.put(e.getKey(), e.getValue()));
        return byFund;
    }

    private static List<String> decided() {
        return java.util.stream.Stream.concat(FUNDED.stream(), java.util.stream.Stream.of(ApplicationStatus.DECLINED))
                .map(Enum::name).toList();
    }
}
