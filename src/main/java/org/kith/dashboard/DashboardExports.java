package org.kith.dashboard;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
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
 * (statuses, legal forms, income bands, routes) stay codes for scripts; an unknown value is an empty cell. The
 * amount awarded is filled while the grant stands (offered, funded, closed), as the dashboards count it.
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
        return export(pages.asked(user, params, dimension, value), user, "applications", APPLICATIONS_HEADER, model,
                response, (funds, asked, csv) -> applications.eachApplication(List.copyOf(funds.keySet()),
                        asked.filter(), asked.slice(), a -> csv.line(a.reference(), funds.get(a.fundId()),
                                a.groupName(), a.legalForm(), a.incomeBand(), a.localAuthority(),
                                text(a.deprivationDecile()), a.route(), a.status(), money(a.amountRequested()),
                                money(a.awarded()), money(a.paid()), day(a.submittedAt()), text(a.decidedOn()),
                                text(a.decisionDays()))));
    }

    @GetMapping("/staff/dashboard/awards.csv")
    String awards(CurrentUser user, DashboardParams params, @RequestParam(required = false) String dimension,
            @RequestParam(required = false) String value, Model model, HttpServletResponse response)
            throws IOException {
        return export(pages.asked(user, params, dimension, value), user, "awards", AWARDS_HEADER, model, response,
                (funds, asked, csv) -> applications.eachAward(List.copyOf(funds.keySet()), asked.filter(),
                        asked.slice(), a -> csv.line(a.reference(), funds.get(a.fundId()), a.groupName(),
                                a.orgIdentifier(), money(a.awarded()), money(a.paid()), day(a.awardedAt()),
                                a.reportStatus())));
    }

    /** Writes the lines of an export into {@link Rows}, given the funds in scope (id to name) and what was asked. */
    private interface Lines {
        void write(Map<Long, String> funds, FigureRequest asked, Rows csv);
    }

    /**
     * The 400 page for what cannot be exported; else the funds in scope (404 for a fund this person may not see)
     * and the CSV, streamed.
     */
    private String export(FigureRequest asked, CurrentUser user, String name, List<String> header, Model model,
            HttpServletResponse response, Lines lines) throws IOException {
        if (!asked.valid()) {
            return DashboardApplicationPages.invalid(asked, model, response);
        }
        Map<Long, String> funds = figures.scope(user, asked.filter()).stream()
                .collect(Collectors.toMap(Fund::id, Fund::name));
        try (Rows csv = new Rows(response, name, header)) {
            lines.write(funds, asked, csv);
        }
        return null;
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

    private static String day(java.time.LocalDateTime moment) {
        return moment == null ? "" : moment.toLocalDate().toString();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
