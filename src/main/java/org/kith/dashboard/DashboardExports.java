package org.kith.dashboard;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.web.Csv;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * CSV exports for staff (issue 8, item 9), filtered like the dashboards (and, when asked, to the applications
 * behind one figure): every submitted application, and every grant that stands. Written by the shared {@link Csv}
 * (formula cells neutralised), a batch of rows at a time, so a large export is never held whole in memory. Codes
 * (statuses, legal forms, income bands, routes) stay codes for scripts; an unknown value is an empty cell.
 */
@Controller
class DashboardExports {

    static final List<String> APPLICATIONS_HEADER = List.of("Reference", "Fund", "Group", "Legal form",
            "Income band", "Local authority", "Deprivation decile", "Route", "Status", "Amount requested",
            "Amount awarded", "Paid", "Submitted on", "Decided on", "Days to decision");

    static final List<String> AWARDS_HEADER = List.of("Reference", "Fund", "Group", "Organisation identifier",
            "Amount awarded", "Paid", "Awarded on", "Report status");

    private static final int FLUSH_AT = 64 * 1024;

    private final DashboardFigures figures;
    private final DashboardApplications applications;
    private final DashboardApplicationPages pages;
    private final Clock clock;

    DashboardExports(DashboardFigures figures, DashboardApplications applications, DashboardApplicationPages pages,
            Clock clock) {
        this.figures = figures;
        this.applications = applications;
        this.pages = pages;
        this.clock = clock;
    }

    @GetMapping("/staff/dashboard/applications.csv")
    String applications(CurrentUser user, DashboardParams params, @RequestParam(required = false) String dimension,
            @RequestParam(required = false) String value, Model model, HttpServletResponse response)
            throws IOException {
        FigureRequest asked = pages.asked(user, params, dimension, value);
        if (!asked.valid()) {
            return DashboardApplicationPages.invalid(asked, model, response);
        }
        Map<Long, String> funds = fundNames(user, asked);
        try (Rows csv = new Rows(response, "applications", APPLICATIONS_HEADER)) {
            applications.eachApplication(List.copyOf(funds.keySet()), asked.filter(), asked.slice(),
                    a -> csv.line(a.reference(), funds.get(a.fundId()), a.groupName(), a.legalForm(),
                            a.incomeBand(), a.localAuthority(), text(a.deprivationDecile()), a.route(), a.status(),
                            money(a.amountRequested()), money(a.awarded()), money(a.paid()),
                            text(a.submittedAt() == null ? null : a.submittedAt().toLocalDate()),
                            text(a.decidedOn()), text(a.decisionDays())));
        }
        return null;
    }

    @GetMapping("/staff/dashboard/awards.csv")
    String awards(CurrentUser user, DashboardParams params, @RequestParam(required = false) String dimension,
            @RequestParam(required = false) String value, Model model, HttpServletResponse response)
            throws IOException {
        FigureRequest asked = pages.asked(user, params, dimension, value);
        if (!asked.valid()) {
            return DashboardApplicationPages.invalid(asked, model, response);
        }
        Map<Long, String> funds = fundNames(user, asked);
        try (Rows csv = new Rows(response, "awards", AWARDS_HEADER)) {
            applications.eachAward(List.copyOf(funds.keySet()), asked.filter(), asked.slice(),
                    a -> csv.line(a.reference(), funds.get(a.fundId()), a.groupName(), a.orgIdentifier(),
                            money(a.awarded()), money(a.paid()),
                            text(a.awardedAt() == null ? null : a.awardedAt().toLocalDate()), a.reportStatus()));
        }
        return null;
    }

    /** The funds in scope by id (404 for a fund this person may not see, 403 without dashboards). */
    private Map<Long, String> fundNames(CurrentUser user, FigureRequest asked) {
        return figures.scope(user, asked.filter()).stream().collect(Collectors.toMap(Fund::id, Fund::name));
    }

    /** The CSV response: header line first, then lines written out whenever enough have gathered. */
    private final class Rows implements AutoCloseable {
        private final Writer out;
        private final StringBuilder pending = new StringBuilder();

        Rows(HttpServletResponse response, String name, List<String> header) throws IOException {
            response.setContentType("text/csv;charset=UTF-8");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                    .filename(name + "-" + LocalDate.now(clock) + ".csv").build().toString());
            this.out = response.getWriter();
            Csv.line(pending, header);
        }

        void line(String... cells) {
            Csv.line(pending, Arrays.asList(cells));
            if (pending.length() >= FLUSH_AT) {
                write();
            }
        }

        private void write() {
            try {
                out.write(pending.toString());
                pending.setLength(0);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            write();
            out.flush();
        }
    }

    private static String money(BigDecimal amount) {
        return amount == null ? "" : amount.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static String text(Object value) {
        return value == null ? "" : value instanceof Temporal t ? t.toString() : value.toString();
    }
}
