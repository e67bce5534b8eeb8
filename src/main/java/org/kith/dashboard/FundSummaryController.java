package org.kith.dashboard;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.kith.applications.ApplicationStatus;
import org.kith.funds.Fund;
import org.kith.funds.Funds;
import org.kith.identity.CurrentUser;
import org.kith.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** One fund at a glance: budget, committed, paid, and how many applications are at each status. */
@RestController
class FundSummaryController {

    record FundSummary(long fundId, String currency, BigDecimal budget, BigDecimal committed, BigDecimal paid,
            BigDecimal remaining, Map<ApplicationStatus, Long> countsByStatus) {
    }

    private final Funds funds;
    private final JdbcClient jdbc;

    FundSummaryController(Funds funds, JdbcClient jdbc) {
        this.funds = funds;
        this.jdbc = jdbc;
    }

    @GetMapping("/api/funds/{id}/summary")
    FundSummary summary(CurrentUser user, @PathVariable long id) {
        // A funder sees only the funds linked to them; any other fund does not exist for them.
        Fund fund = funds.find(id).filter(f -> user.seesFund(f.id()))
                .orElseThrow(() -> new NotFoundException("There is no fund " + id + " that you can see."));
        BigDecimal committed = jdbc.sql("""
                SELECT COALESCE(SUM(amount_awarded), 0) FROM application WHERE fund_id = :id AND status IN (:committed)""")
                .param("id", id)
                .param("committed", ApplicationStatus.COMMITTED.stream().map(Enum::name).toList())
                .query(BigDecimal.class).single();
        BigDecimal paid = jdbc.sql("""
                SELECT COALESCE(SUM(p.amount), 0) FROM payment p JOIN application a ON a.id = p.application_id
                WHERE a.fund_id = :id AND p.paid_at IS NOT NULL""")
                .param("id", id).query(BigDecimal.class).single();
        Map<ApplicationStatus, Long> counts = new LinkedHashMap<>();
        for (ApplicationStatus status : ApplicationStatus.values()) {
            counts.put(status, 0L);
        }
        jdbc.sql("SELECT status, COUNT(*) FROM application WHERE fund_id = :id GROUP BY status")
                .param("id", id)
                .query((rs, row) -> Map.entry(ApplicationStatus.valueOf(rs.getString(1)), rs.getLong(2)))
                .list().forEach(e -> counts.put(e.getKey(), e.getValue()));
        return new FundSummary(id, fund.currency(), fund.budget(), committed, paid, fund.budget().subtract(committed),
                counts);
    }
}
