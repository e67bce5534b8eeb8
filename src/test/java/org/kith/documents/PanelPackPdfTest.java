package org.kith.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;

/** The panel pack opened again as a reader would: its text, its letters, its pages. */
class PanelPackPdfTest {

    private final PanelPackPdf pdf = new PanelPackPdf();

    @Test
    void everyApplicationItsScoresAndGaelicAndPolishLettersAreInThePack() throws IOException {
        List<PanelPackPdf.Section> sections = List.of(
                section(1, "KITH-2027-000101", "Comann Eachdraidh Bharraigh", "Cèilidh airson nan òg: à è ì ò ù",
                        "81.25", "Clear need, a realistic plan."),
                section(2, "KITH-2027-000102", "Stowarzyszenie Łąka", "Zajęcia dla seniorów: ą ć ę ł ń ó ś ź ż",
                        "55.00", "Dobry pomysł, ale koszty są niejasne."),
                section(3, "KITH-2027-000103", "Leith Lunch Club", "Friday lunches", "40.50", "Unclear costs."));

        Pack pack = open(pdf.render(cover(3), sections));

        assertThat(pack.text).contains("Panel pack", "Social Isolation and Loneliness Fund", "KITH-2027-000101",
                "KITH-2027-000102", "KITH-2027-000103", "81.25%", "55.00%", "40.50%", "Cèilidh airson nan òg",
                "à è ì ò ù", "ą ć ę ł ń ó ś ź ż", "Stowarzyszenie Łąka", "Dobry pomysł, ale koszty są niejasne.",
                "4 out of 5", "Fund in part", "£9,000", "£60,000", "Scores disagree");
        assertThat(pack.text.indexOf("KITH-2027-000101")).isLessThan(pack.text.indexOf("KITH-2027-000102"));
        assertThat(pack.pages).isBetween(1 + sections.size(), 1 + 3 * sections.size());
    }

    @Test
    void charactersTheFontLacksBecomeQuestionMarksInsteadOfFailing() throws IOException {
        String emojiAndCjk = "Lunch club \uD83C\uDF72 for everyone \u4E2D\u6587 and friends";
        Pack pack = open(pdf.render(cover(1), List.of(section(1, "KITH-2027-000201", "Group \uD83D\uDE00",
                emojiAndCjk, "70.00", "Great \u2764\uFE0F idea \u0007 with a bell"))));

        assertThat(pack.text).contains("Lunch club ? for everyone ?? and friends", "Group ?", "KITH-2027-000201")
                .doesNotContain("\uD83C\uDF72", "\u4E2D");
    }

    @Test
    void markupIsPrintedAsText() throws IOException {
        Pack pack = open(pdf.render(cover(1), List.of(section(1, "KITH-2027-000301", "<b>Group</b>",
                "<script>alert(1)</script>", "60.00", "&amp; more"))));

        assertThat(pack.text).contains("<b>Group</b>", "<script>alert(1)</script>", "&amp; more");
    }

    @Test
    void anEmptyQueueIsACoverPage() throws IOException {
        Pack pack = open(pdf.render(cover(0), List.of()));

        assertThat(pack.pages).isEqualTo(1);
        assertThat(pack.text).contains("Nothing is waiting for a decision in this fund.");
    }

    private static PanelPackPdf.Cover cover(int count) {
        return new PanelPackPdf.Cover("Social Isolation and Loneliness Fund", LocalDate.of(2027, 3, 1), count,
                new BigDecimal("9000"), new BigDecimal("100000"), new BigDecimal("40000"),
                "In the order of the decision queue.");
    }

    private static PanelPackPdf.Section section(int rank, String reference, String group, String title,
            String score, String comment) {
        List<PanelPackPdf.Fact> criteria = List.of(new PanelPackPdf.Fact("Need (weight 3)", "4 out of 5"),
                new PanelPackPdf.Fact("Difference (weight 2)", "3 out of 5"));
        return new PanelPackPdf.Section(rank, reference, group,
                List.of(new PanelPackPdf.Fact("Name", group), new PanelPackPdf.Fact("Local authority", "Na h-Eileanan Siar")),
                title, "A hot lunch and company every week. " + title, new BigDecimal("3000"), "Full",
                LocalDate.of(2027, 2, 1),
                List.of(new PanelPackPdf.Fact("Who benefits?", "Older people: " + title),
                        new PanelPackPdf.Fact("What difference will it make?", null)),
                List.of(new PanelPackPdf.Scoring("Alex Assessor", criteria, new BigDecimal(score), "Fund", comment),
                        new PanelPackPdf.Scoring("Bea Assessor", criteria, new BigDecimal("30.00"), "Fund in part",
                                "Second view.")),
                new BigDecimal(score), "Scores disagree: 40 percentage points apart.");
    }

    private record Pack(String text, int pages) {
    }

    private static Pack open(byte[] bytes) throws IOException {
        PdfReader reader = new PdfReader(bytes);
        try {
            PdfTextExtractor extractor = new PdfTextExtractor(reader);
            List<String> pages = new ArrayList<>();
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                pages.add(extractor.getTextFromPage(page));
            }
            return new Pack(String.join(" ", pages).replaceAll("\\s+", " "), reader.getNumberOfPages());
        } finally {
            reader.close();
        }
    }
}
