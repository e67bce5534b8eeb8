package org.kith.dashboard;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.kith.applications.Route;
import org.kith.web.InvalidInputException;
import org.kith.web.InvalidInputException.FieldError;

/**
 * A dashboard's filter as typed in its GET form or a script's query string, every part optional:
 * {@code fund} (id), {@code from} and {@code to} (months as 2026-04), {@code authority} (a local authority;
 * {@code unknown} for groups whose area we do not know) and {@code route} (LIGHT_TOUCH or FULL). The same names
 * on every dashboard page, CSV and {@code GET /api/dashboard} (which also takes {@code fundId}).
 */
public record DashboardParams(String fund, String from, String to, String authority, String route) {

    public static final String UNKNOWN_AUTHORITY = "unknown";

    public static DashboardParams of(DashboardFilter filter) {
        return new DashboardParams(filter.fundId() == null ? null : filter.fundId().toString(),
                filter.from() == null ? null : filter.from().toString(),
                filter.to() == null ? null : filter.to().toString(),
                filter.localAuthority() == null ? null
                        : filter.localAuthority().isEmpty() ? UNKNOWN_AUTHORITY : filter.localAuthority(),
                filter.route() == null ? null : filter.route().name());
    }

    /** Every problem with what was typed, as field errors a person can act on; empty when it is all good. */
    public List<FieldError> errors() {
        List<FieldError> errors = new ArrayList<>();
        if (!blank(fund) && !fund.strip().matches("\\d{1,18}")) {
            errors.add(new FieldError("fund", "Choose a fund from the list"));
        }
        YearMonth start = month(from, "from", "Enter the first month as a year and month, like 2026-04", errors);
        YearMonth end = month(to, "to", "Enter the last month as a year and month, like 2026-09", errors);
        if (start != null && end != null && end.isBefore(start)) {
            errors.add(new FieldError("to", "The last month must be the same as or after the first month"));
        }
        if (!blank(authority) && authority.strip().length() > 120) {
            errors.add(new FieldError("authority", "Choose a local authority from the list"));
        }
        if (!blank(route) && parsedRoute() == null) {
            errors.add(new FieldError("route", "Choose light-touch or full assessment"));
        }
        return errors;
    }

    /** The filter, or a 400 listing every field at fault. */
    public DashboardFilter toFilter() {
        List<FieldError> errors = errors();
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        String area = blank(authority) ? null : authority.strip();
        return new DashboardFilter(blank(fund) ? null : Long.valueOf(fund.strip()),
                blank(from) ? null : YearMonth.parse(from.strip()), blank(to) ? null : YearMonth.parse(to.strip()),
                UNKNOWN_AUTHORITY.equalsIgnoreCase(area) ? "" : area, parsedRoute());
    }

    private Route parsedRoute() {
        if (blank(route)) {
            return null;
        }
        for (Route r : Route.values()) {
            if (r.name().equalsIgnoreCase(route.strip())) {
                return r;
            }
        }
        return null;
    }

    private static YearMonth month(String value, String field, String message, List<FieldError> errors) {
        if (blank(value)) {
            return null;
        }
        try {
            YearMonth month = YearMonth.parse(value.strip());
            if (month.getYear() < 2000 || month.getYear() > 9998) {
                errors.add(new FieldError(field, message));
                return null;
            }
            return month;
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, message));
            return null;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
