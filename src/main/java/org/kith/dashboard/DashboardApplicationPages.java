package org.kith.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import org.kith.dashboard.DashboardApplications.Row;
import org.kith.dashboard.DashboardApplications.Slice;
import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.web.ForbiddenException;
import org.kith.web.Messages;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The applications behind a dashboard figure (issue 8, item 5): the dashboards' filter plus a breakdown and one of
 * its values, 25 a page, each linking to the staff view of the application. For funders (their funds only), fund
 * managers and admins. A link that asks for something that cannot be listed is a 400 page saying what is wrong.
 */
@Controller
class DashboardApplicationPages {

    static final String INVALID_VIEW = "staff/dashboard-applications/invalid";

    /** A row as the page shows it. */
    record Line(Row row, String fundName, String statusLabel) {
    }

    private final DashboardFigures figures;
    private final DashboardApplications applications;
    private final Messages messages;
    private final MessageSource source;

    DashboardApplicationPages(DashboardFigures figures, DashboardApplications applications, Messages messages,
            MessageSource source) {
        this.figures = figures;
        this.applications = applications;
        this.messages = messages;
        this.source = source;
    }

    @GetMapping("/staff/dashboard/applications")
    String list(CurrentUser user, DashboardParams params, @RequestParam(required = false) String dimension,
            @RequestParam(required = false) String value, @RequestParam(defaultValue = "0") String page, Model model,
            HttpServletResponse response) {
        FigureRequest asked = asked(user, params, dimension, value);
        if (!asked.valid()) {
            return invalid(asked, model, response);
        }
        List<Fund> scope = figures.scope(user, asked.filter());
        Map<Long, String> fundNames = scope.stream().collect(Collectors.toMap(Fund::id, Fund::name));
        int pageIndex = pageIndex(page);
        DashboardApplications.Page found = applications.page(List.copyOf(fundNames.keySet()), asked.filter(),
                asked.slice(), pageIndex);
        int pages = (int) Math.max(1, (found.total() + DashboardApplications.PAGE_SIZE - 1)
                / DashboardApplications.PAGE_SIZE);

        model.addAttribute("heading", heading(asked.slice()));
        model.addAttribute("filterLines", filterLines(asked.filter(), fundNames));
        model.addAttribute("total", found.total());
        model.addAttribute("lines", found.rows().stream()
                .map(r -> new Line(r, fundNames.getOrDefault(r.fundId(), ""), label("status", r.status())))
                .toList());
        model.addAttribute("pageNumber", pageIndex + 1);
        model.addAttribute("pages", pages);
        model.addAttribute("previousLink", pageIndex == 0 ? null
                : asked.link("/staff/dashboard/applications", "page", Math.min(pageIndex, pages) - 1));
        model.addAttribute("nextLink", pageIndex + 1 < pages
                ? asked.link("/staff/dashboard/applications", "page", pageIndex + 1) : null);
        model.addAttribute("csvLink", asked.link("/staff/dashboard/applications.csv"));
        model.addAttribute("awardsCsvLink", asked.link("/staff/dashboard/awards.csv"));
        model.addAttribute("dashboardLink", new FigureRequest(asked.filter(), Slice.ALL, List.of())
                .link("/staff/dashboard"));
        return "staff/dashboard-applications/list";
    }

    /** What was asked, after checking this person has dashboards at all (403 before any 400). */
    FigureRequest asked(CurrentUser user, DashboardParams params, String dimension, String value) {
        if (!DashboardFigures.mayView(user)) {
            throw new ForbiddenException("Dashboards are for funders, fund managers and admins.");
        }
        return FigureRequest.of(params, dimension, value, messages);
    }

    /** The 400 page listing what is wrong with the address. */
    static String invalid(FigureRequest asked, Model model, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("problems", asked.problems());
        return INVALID_VIEW;
    }

    private String heading(Slice slice) {
        if (slice.isAll()) {
            return messages.text("dashboardApplications.all");
        }
        return messages.text("dashboardApplications.breakdown",
                messages.text("dashboardApplications.dimension." + slice.dimension()),
                label(slice.dimension(), slice.value()));
    }

    /** A value of a breakdown in words; "" is unknown. */
    String label(String dimension, String value) {
        if (value == null || value.isEmpty()) {
            return messages.text("dashboardApplications.unknown");
        }
        String key = switch (dimension) {
            case "status" -> "dashboardApplications.status." + value;
            case "income_band" -> "dashboardApplications.income." + value;
            case "legal_form" -> "legalForm." + value;
            case "returning" -> "dashboardApplications.returning." + value;
            case "route" -> "dashboardApplications.route." + value;
            case "decile" -> "dashboardApplications.decile.value";
            default -> null;
        };
        return key == null ? value
                : source.getMessage(key, new Object[] {value}, value, LocaleContextHolder.getLocale());
    }

    private List<String[]> filterLines(DashboardFilter filter, Map<Long, String> fundNames) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {messages.text("dashboardApplications.filter.fund"), filter.fundId() == null
                ? messages.text("dashboardApplications.filter.allFunds") : fundNames.get(filter.fundId())});
        Function<java.time.YearMonth, String> month = m -> m.format(java.time.format.DateTimeFormatter
                .ofPattern("MMMM yyyy", java.util.Locale.UK));
        String period;
        if (filter.from() != null && filter.to() != null) {
            period = messages.text("dashboardApplications.filter.fromTo", month.apply(filter.from()),
                    month.apply(filter.to()));
        } else if (filter.from() != null) {
            period = messages.text("dashboardApplications.filter.from", month.apply(filter.from()));
        } else if (filter.to() != null) {
            period = messages.text("dashboardApplications.filter.to", month.apply(filter.to()));
        } else {
            period = messages.text("dashboardApplications.filter.anyTime");
        }
        lines.add(new String[] {messages.text("dashboardApplications.filter.period"), period});
        lines.add(new String[] {messages.text("dashboardApplications.filter.authority"),
                filter.localAuthority() == null ? messages.text("dashboardApplications.filter.anyAuthority")
                        : label("local_authority", filter.localAuthority())});
        lines.add(new String[] {messages.text("dashboardApplications.filter.route"), filter.route() == null
                ? messages.text("dashboardApplications.filter.anyRoute") : label("route", filter.route().name())});
        return lines;
    }

    /** A page number from the query (from 0); anything else is the first page. */
    private static int pageIndex(String page) {
        try {
            int index = Integer.parseInt(page.strip());
            return index < 0 || index > 1_000_000 ? 0 : index;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
