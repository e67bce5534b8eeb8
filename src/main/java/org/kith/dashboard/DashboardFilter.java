package org.kith.dashboard;

import java.time.YearMonth;

import org.kith.applications.Route;

/**
 * What a dashboard is narrowed to; every part is optional. The period is by month of submission (from and to
 * inclusive): an application counts, with everything that later happened to it, in the month it was submitted.
 * A local authority of "" means the groups whose area we do not know.
 */
public record DashboardFilter(Long fundId, YearMonth from, YearMonth to, String localAuthority, Route route) {

    public static final DashboardFilter NONE = new DashboardFilter(null, null, null, null, null);

    public static DashboardFilter ofFund(Long fundId) {
        return new DashboardFilter(fundId, null, null, null, null);
    }

    public boolean hasPeriod() {
        return from != null || to != null;
    }

    int fromMonth() {
        return from == null ? 100001 : from.getYear() * 100 + from.getMonthValue();
    }

    int toMonth() {
        return to == null ? 999912 : to.getYear() * 100 + to.getMonthValue();
    }
}
