package org.kith.documents;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.kith.applications.Application;
import org.kith.applications.ApplicationDetails;
import org.kith.applications.ApplicationDetailsService;
import org.kith.awards.DecisionQueue;
import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.organisations.GroupProfile;
import org.kith.web.Formats;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The panel pack: every application waiting for a decision in a fund, in the queue's order, with the group, the
 * answers and every assessor's scores and comments, as one PDF to download. For the fund's managers and
 * administrators, as the decision queue ({@link DecisionQueue#queue}); made on request, not stored.
 */
@Controller
class PanelPackPages {

    private final DecisionQueue queues;
    private final ApplicationDetailsService details;
    private final Clock clock;
    private final PanelPackPdf pdf = new PanelPackPdf();
    private final Formats fmt = new Formats();

    PanelPackPages(DecisionQueue queues, ApplicationDetailsService details, Clock clock) {
        this.queues = queues;
        this.details = details;
        this.clock = clock;
    }

    @GetMapping("/staff/funds/{fundId}/panel-pack.pdf")
    ResponseEntity<byte[]> panelPack(CurrentUser user, @PathVariable long fundId) {
        DecisionQueue.Queue queue = queues.queue(user, fundId);
        Fund fund = queue.fund();
        List<PanelPackPdf.Section> sections = new ArrayList<>();
        int rank = 1;
        for (DecisionQueue.Item item : queue.items()) {
            sections.add(section(user, fund, item, rank++));
        }
        PanelPackPdf.Cover cover = new PanelPackPdf.Cover(fund.name(), LocalDate.now(clock), queue.items().size(),
                queue.totalAsked(), queue.budget().budget(), queue.budget().committed(),
                "In the order of the decision queue: the mean of the assessors' weighted scores, highest first; "
                        + "applications with no score after, oldest received first. Scores "
                        + DecisionQueue.DISAGREEMENT_POINTS + " percentage points or more apart are flagged.");
        byte[] body = pdf.render(cover, sections);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("panel-pack-" + slug(fund.slug()) + ".pdf").build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(body);
    }

    private PanelPackPdf.Section section(CurrentUser user, Fund fund, DecisionQueue.Item item, int rank) {
        Application app = item.app();
        ApplicationDetails told = details.read(user, app.id());
        GroupProfile group = told.group();
        List<PanelPackPdf.Fact> profile = new ArrayList<>();
        profile.add(new PanelPackPdf.Fact("Name", group.name()));
        profile.add(new PanelPackPdf.Fact("Kind of group", words(group.legalForm().name())));
        profile.add(new PanelPackPdf.Fact("Charity number", orNone(group.charityNumber())));
        profile.add(new PanelPackPdf.Fact("Company number", orNone(group.companyNumber())));
        profile.add(new PanelPackPdf.Fact("Where", String.join(", ", java.util.stream.Stream.of(group.town(),
                group.postcode(), group.localAuthority()).filter(v -> v != null && !v.isBlank()).toList())));
        profile.add(new PanelPackPdf.Fact("Yearly income", fmt.money(group.annualIncome())));
        List<PanelPackPdf.Fact> answers = told.answers().stream()
                .map(a -> new PanelPackPdf.Fact(a.label(), a.file() != null ? "File: " + a.file().fileName() : a.text()))
                .toList();
        List<PanelPackPdf.Scoring> scorings = item.assessments().stream()
                .map(a -> new PanelPackPdf.Scoring(a.assessor(),
                        fund.criteria().stream().map(c -> new PanelPackPdf.Fact(c.label() + " (weight " + c.weight()
                                + ")", a.scores().get(c.key()) == null ? "not scored"
                                        : a.scores().get(c.key()) + " out of " + c.maxScore()))
                                .toList(),
                        a.weightedScore(), a.recommendation() == null ? "" : words(a.recommendation().name()),
                        a.comment()))
                .toList();
        String disagreement = item.disagree() ? "Scores disagree: " + item.spread().stripTrailingZeros().toPlainString()
                + " percentage points apart." : null;
        return new PanelPackPdf.Section(rank, app.reference(), item.groupName(), profile, app.title(), app.summary(),
                app.amountRequested(), app.route() == null ? "" : words(app.route().name()),
                app.submittedAt() == null ? null : app.submittedAt().toLocalDate(), answers, scorings,
                item.meanScore(), disagreement);
    }

    private static String orNone(String value) {
        return value == null || value.isBlank() ? "None" : value;
    }

    /** SCOTTISH_CHARITY as "Scottish charity". */
    private static String words(String constant) {
        String lower = constant.toLowerCase(Locale.UK).replace('_', ' ');
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    private static String slug(String slug) {
        String safe = slug == null ? "" : slug.replaceAll("[^A-Za-z0-9-]", "");
        return safe.isEmpty() ? "fund" : safe;
    }
}
