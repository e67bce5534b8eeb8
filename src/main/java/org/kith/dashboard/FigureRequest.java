package org.kith.dashboard;

import java.util.ArrayList;
import java.util.List;

import org.kith.dashboard.DashboardApplications.Slice;
import org.kith.web.InvalidInputException.FieldError;
import org.kith.web.Messages;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the staff asked for when they follow a figure to its applications or download them: the dashboards' filter
 * ({@link DashboardParams}) and a breakdown with one of its values ({@code dimension}, {@code value}; an empty
 * value is the unknown one). {@code problems} lists, in words, everything wrong with what was asked.
 */
record FigureRequest(DashboardFilter filter, Slice slice, List<String> problems) {

    static final int MAX_VALUE_LENGTH = 120;

    static FigureRequest of(DashboardParams params, String dimension, String value, Messages messages) {
        List<String> problems = new ArrayList<>(params.errors().stream().map(FieldError::message).toList());
        Slice slice = Slice.ALL;
        if (dimension != null && !dimension.isBlank() && !dimension.strip().equals(Slice.ALL.dimension())) {
            String name = dimension.strip();
            if (!DashboardReadModel.DIMENSIONS.containsKey(name)) {
                problems.add(messages.text("dashboardApplications.invalid.dimension", shortened(name),
                        String.join(", ", DashboardReadModel.DIMENSIONS.keySet())));
            } else if (value == null) {
                problems.add(messages.text("dashboardApplications.invalid.value", name));
            } else if (value.strip().length() > MAX_VALUE_LENGTH) {
                problems.add(messages.text("dashboardApplications.invalid.valueTooLong"));
            } else {
                slice = new Slice(name, value.strip());
            }
        }
        return new FigureRequest(problems.isEmpty() ? params.toFilter() : null, slice, List.copyOf(problems));
    }

    boolean valid() {
        return problems.isEmpty();
    }

    /** A link to {@code path} asking for the same filter and slice, with more query parameters as name, value. */
    String link(String path, Object... more) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath(path);
        DashboardParams params = DashboardParams.of(filter);
        add(link, "fund", params.fund());
        add(link, "from", params.from());
        add(link, "to", params.to());
        add(link, "authority", params.authority());
        add(link, "route", params.route());
        if (!slice.isAll()) {
            link.queryParam("dimension", slice.dimension());
            link.queryParam("value", slice.value());
        }
        for (int i = 0; i + 1 < more.length; i += 2) {
            link.queryParam(String.valueOf(more[i]), more[i + 1]);
        }
        return link.build().encode().toUriString();
    }

    private static void add(UriComponentsBuilder link, String name, String value) {
        if (value != null) {
            link.queryParam(name, value);
        }
    }

    private static String shortened(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
