package org.kith.documents;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.kith.web.Formats;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfWriter;

/**
 * Renders the panel pack: a cover, then one section per application, each on a new page. Everything goes in as
 * text through {@link PdfFonts#printable}, never as markup, so nothing a group or an assessor typed can inject
 * anything or fail the document.
 */
class PanelPackPdf {

    /** A labelled value: a line of the group's profile, an answer, a criterion's score. */
    record Fact(String label, String value) {
    }

    record Cover(String fundName, LocalDate date, int count, BigDecimal totalAsked, BigDecimal budget,
            BigDecimal committed, String ranking) {

        BigDecimal left() {
            return budget.subtract(committed);
        }
    }

    record Scoring(String assessor, List<Fact> criteria, BigDecimal weightedScore, String recommendation,
            String comment) {
    }

    record Section(int rank, String reference, String groupName, List<Fact> group, String title, String summary,
            BigDecimal amountAsked, String route, LocalDate received, List<Fact> answers, List<Scoring> assessments,
            BigDecimal meanScore, String disagreement) {
    }

    private static final Font TITLE = new Font(PdfFonts.BOLD, 20);
    private static final Font HEADING = new Font(PdfFonts.BOLD, 15);
    private static final Font SUBHEADING = new Font(PdfFonts.BOLD, 12);
    private static final Font LABEL = new Font(PdfFonts.BOLD, 10);
    private static final Font BODY = new Font(PdfFonts.REGULAR, 10);

    private final Formats fmt = new Formats();

    byte[] render(Cover cover, List<Section> sections) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 50, 50, 50, 50);
        try {
            PdfWriter.getInstance(document, out);
            document.addTitle(PdfFonts.printable("Panel pack: " + cover.fundName()));
            document.addCreator("Kith");
            document.open();
            cover(document, cover);
            for (Section section : sections) {
                document.newPage();
                section(document, section);
            }
            document.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("panel pack could not be rendered", e);
        }
        return out.toByteArray();
    }

    private void cover(Document document, Cover cover) {
        add(document, "Panel pack", TITLE);
        add(document, cover.fundName(), HEADING);
        space(document);
        fact(document, "Date", fmt.date(cover.date()));
        fact(document, "Applications waiting for a decision", String.valueOf(cover.count()));
        fact(document, "Total asked for", fmt.money(cover.totalAsked()));
        fact(document, "Budget", fmt.money(cover.budget()));
        fact(document, "Committed", fmt.money(cover.committed()));
        fact(document, "Budget left", fmt.money(cover.left()));
        space(document);
        add(document, cover.ranking(), BODY);
        if (cover.count() == 0) {
            space(document);
            add(document, "Nothing is waiting for a decision in this fund.", BODY);
        }
    }

    private void section(Document document, Section s) {
        add(document, s.rank() + ". " + s.reference() + ": " + s.title(), HEADING);
        space(document);
        fact(document, "Group", s.groupName());
        fact(document, "Amount asked for", fmt.money(s.amountAsked()));
        fact(document, "Route", s.route());
        fact(document, "Received", fmt.date(s.received()));
        fact(document, "Mean weighted score", s.meanScore() == null ? "No score" : s.meanScore() + "%");
        if (s.disagreement() != null) {
            add(document, s.disagreement(), LABEL);
        }
        space(document);
        add(document, "The group", SUBHEADING);
        s.group().forEach(f -> fact(document, f.label(), f.value()));
        space(document);
        add(document, "Summary", SUBHEADING);
        add(document, s.summary(), BODY);
        space(document);
        add(document, "Answers", SUBHEADING);
        for (Fact answer : s.answers()) {
            add(document, answer.label(), LABEL);
            add(document, answer.value() == null || answer.value().isBlank() ? "(no answer)" : answer.value(), BODY);
        }
        space(document);
        add(document, "Assessments", SUBHEADING);
        if (s.assessments().isEmpty()) {
            add(document, "No assessments have been recorded.", BODY);
        }
        for (Scoring a : s.assessments()) {
            add(document, a.assessor(), LABEL);
            a.criteria().forEach(f -> fact(document, f.label(), f.value()));
            fact(document, "Weighted score", a.weightedScore() == null ? "" : a.weightedScore() + "%");
            fact(document, "Recommendation", a.recommendation());
            fact(document, "Comment", a.comment() == null || a.comment().isBlank() ? "No comment." : a.comment());
            space(document);
        }
    }

    private static void fact(Document document, String label, String value) {
        Paragraph line = new Paragraph();
        line.add(new com.lowagie.text.Chunk(PdfFonts.printable(label) + ": ", LABEL));
        line.add(new com.lowagie.text.Chunk(PdfFonts.printable(value), BODY));
        document.add(line);
    }

    private static void add(Document document, String text, Font font) {
        document.add(new Paragraph(PdfFonts.printable(text), font));
    }

    private static void space(Document document) {
        document.add(new Paragraph(" ", BODY));
    }
}
