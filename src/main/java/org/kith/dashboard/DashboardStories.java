package org.kith.dashboard;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.kith.web.Paging;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the dashboards' pages list besides figures: the accepted end-of-grant reports' own words ("the difference
 * it made", "what we learned") for the funds in scope and the filter, newest first, and the local authorities
 * the filter can choose from. Both read only the funds they are given: the caller has scoped them to the person.
 */
@Component
public class DashboardStories {

    public static final int PAGE_SIZE = 25;

    /** One accepted report, as a funder reads it. */
    public record Story(long applicationId, String reference, String title, String groupName, String fundName,
            String differenceItMade, String whatWeLearned, Integer peopleReached, BigDecimal amountSpent,
            LocalDateTime acceptedAt) {
    }

    /** A page of stories, and how many there are in all. */
    public record StoryPage(List<Story> stories, long total, int page, int pages) {

        public long first() {
            return total == 0 ? 0 : (long) (page - 1) * PAGE_SIZE + 1;
        }

        public long last() {
            return first() == 0 ? 0 : first() + stories.size() - 1;
        }
    }

    private final JdbcClient jdbc;

    DashboardStories(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Page {@code page} (from 1; past the end is the last page) of these funds' accepted reports. */
    public StoryPage stories(List<Long> fundIds, DashboardFilter filter, int page) {
        if (fundIds.isEmpty()) {
            return new StoryPage(List.of(), 0, 1, 1);
        }
        StringBuilder inScope = new StringBuilder(
                "r.status = 'ACCEPTED' AND r.application_id IN (SELECT application_id FROM dashboard_application"
                        + " WHERE fund_id IN (:funds)");
        Map<String, Object> params = new HashMap<>(Map.of("funds", fundIds));
        DashboardFigures.appendFilter(inScope, params, filter);
        inScope.append(')');
        long total = jdbc.sql("SELECT COUNT(*) FROM grant_report r WHERE " + inScope).params(params)
                .query(Long.class).single();
        int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        Paging paging = Paging.of(Math.min(Math.max(page, 1), pages) - 1, PAGE_SIZE, PAGE_SIZE);
        params.put("size", paging.size());
        params.put("offset", paging.offset());
        List<Story> stories = jdbc.sql("""
                SELECT a.id, a.reference, a.title, o.name AS group_name, f.name AS fund_name, r.difference_it_made,
                       r.what_we_learned, r.people_reached, r.amount_spent, r.reviewed_at
                FROM grant_report r
                JOIN application a ON a.id = r.application_id
                JOIN organisation o ON o.id = a.organisation_id
                JOIN fund f ON f.id = a.fund_id
                WHERE """ + " " + inScope + """
                 ORDER BY r.reviewed_at DESC, a.id DESC LIMIT :size OFFSET :offset""")
                .params(params)
                .query((rs, row) -> new Story(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), (Integer) rs.getObject(8, Integer.class),
                        rs.getBigDecimal(9), rs.getObject(10, LocalDateTime.class)))
                .list();
        return new StoryPage(stories, total, paging.page() + 1, pages);
    }

    /** The local authorities of these funds' applications, in name order; "" (not known) among them if any. */
    public List<String> localAuthorities(List<Long> fundIds) {
        if (fundIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT DISTINCT local_authority FROM dashboard_application WHERE fund_id IN (:funds)"
                + " ORDER BY local_authority").param("funds", fundIds).query(String.class).list();
    }
}
