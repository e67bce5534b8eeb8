package org.kith.applications;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.kith.funds.Fund;
import org.kith.web.Formats;
import org.kith.web.Messages;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What applying asked of a group, recorded at submission for the funder dashboards: the questions asked (the three
 * project fields, then the fund's own questions, files included), the words in those questions and their hints as
 * the pages show them, the words in the answers (title, summary and text answers; the amount and files are not
 * words), and the files added. A word is a run of characters between spaces.
 */
@Component
public class Burden {

    /** The project fields every application asks, before the fund's questions: title, summary, amount. */
    static final int PROJECT_QUESTIONS = 3;

    public record Record(long applicationId, int questionsAsked, int questionWords, int answerWords,
            int filesAttached, LocalDateTime recordedAt) {
    }

    private final JdbcClient jdbc;
    private final Messages messages;
    private final Clock clock;

    Burden(JdbcClient jdbc, Messages messages, Clock clock) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.clock = clock;
    }

    /** Written once, when the application leaves the draft stage. */
    void record(Application application, Fund fund, int filesAttached) {
        List<String> asked = new ArrayList<>(projectQuestionTexts(fund));
        fund.questions().forEach(q -> {
            asked.add(q.label());
            asked.add(q.hint());
        });
        int answerWords = words(application.title()) + words(application.summary());
        for (Fund.Question question : fund.questions()) {
            if (!question.isFile()) {
                answerWords += words(application.answers().get(question.key()));
            }
        }
        jdbc.sql("""
                INSERT INTO application_burden (application_id, questions_asked, question_words, answer_words,
                  files_attached, recorded_at)
                VALUES (:id, :asked, :questionWords, :answerWords, :files, :now)""")
                .param("id", application.id()).param("asked", PROJECT_QUESTIONS + fund.questions().size())
                .param("questionWords", asked.stream().mapToInt(Burden::words).sum())
                .param("answerWords", answerWords).param("files", filesAttached)
                .param("now", LocalDateTime.now(clock)).update();
    }

    public Optional<Record> find(long applicationId) {
        return jdbc.sql("""
                SELECT application_id, questions_asked, question_words, answer_words, files_attached, recorded_at
                FROM application_burden WHERE application_id = :id""")
                .param("id", applicationId)
                .query((rs, row) -> new Record(rs.getLong(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                        rs.getObject(6, LocalDateTime.class)))
                .optional();
    }

    /** The labels and hints of the project page, as the page shows them. */
    List<String> projectQuestionTexts(Fund fund) {
        Formats fmt = new Formats();
        return List.of(messages.text("apply.project.titleLabel"), messages.text("apply.project.titleHint"),
                messages.text("apply.project.summaryLabel"), messages.text("apply.project.summaryHint"),
                messages.text("apply.project.amountLabel"),
                messages.text("apply.project.amountHint", fmt.money(fund.minimumAward()),
                        fmt.money(fund.maximumAward())));
    }

    static int words(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        return text.strip().split("\\s+").length;
    }
}
