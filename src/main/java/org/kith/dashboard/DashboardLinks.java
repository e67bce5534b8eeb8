package org.kith.dashboard;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * The addresses of the dashboards' pages, each carrying the same filter ({@link DashboardParams}'s names), so a
 * figure, its CSV and the applications behind it always agree on what is counted.
 */
public final class DashboardLinks {

    public static final String PAGE = "/staff/dashboard";
    public static final String STORIES = "/staff/dashboard/stories";
    public static final String APPLICATIONS = "/staff/dashboard/applications";

    private DashboardLinks() {
    }

    public static String page(DashboardParams params) {
        return done(withFilter(PAGE, params));
    }

    /** The dashboard narrowed to one fund, keeping the rest of the filter. */
    public static String fund(DashboardParams params, long fundId) {
        return page(new DashboardParams(String.valueOf(fundId), params.from(), params.to(), params.authority(),
                params.route()));
    }

    public static String csv(String chart, DashboardParams params) {
        return done(withFilter(PAGE + "/" + chart + ".csv", params));
    }

    public static String stories(DashboardParams params) {
        return done(withFilter(STORIES, params));
    }

    /** The stories page's page {@code n} (from 1). */
    public static String stories(DashboardParams params, int page) {
        return done(withFilter(STORIES, params).queryParam("page", page));
    }

    /**
     * The applications behind a figure: a breakdown ({@code dimension}, a key of
     * {@link DashboardReadModel#DIMENSIONS}) and one of its values ({@code ""} for unknown); totals are
     * {@code all} with an empty value.
     */
    public static String applications(DashboardParams params, String dimension, String value) {
        return done(withFilter(APPLICATIONS, params).queryParam("dimension", dimension)
                .queryParam("value", value == null ? "" : value));
    }

    private static UriComponentsBuilder withFilter(String path, DashboardParams params) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
        add(uri, "fund", params.fund());
        add(uri, "from", params.from());
        add(uri, "to", params.to());
        add(uri, "authority", params.authority());
        add(uri, "route", params.route());
        return uri;
    }

    private static void add(UriComponentsBuilder uri, String name, String value) {
        if (value != null && !value.isBlank()) {
            uri.queryParam(name, value.strip());
        }
    }

    /** Encoded after building, so a value with braces is text, not a URI template variable. */
    private static String done(UriComponentsBuilder uri) {
        return uri.build().encode().toUriString();
    }
}
