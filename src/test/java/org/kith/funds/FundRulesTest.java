package org.kith.funds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kith.organisations.LegalForm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The rules every fund meets, whether it comes from seeds/, the import page or the edit page. */
class FundRulesTest {

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private final FundRules rules = new FundRules(json);

    @Test
    void theSeededFundsMeetEveryRule() throws IOException {
        List<Fund> funds = rules.read(seeds());

        assertThat(funds).extracting(Fund::slug)
                .containsExactly("social-isolation-and-loneliness", "community-places-small-grants");
        assertThat(funds.get(0).questions()).anyMatch(Fund.Question::isFile);
        assertThat(funds.get(0).declineReasons()).hasSize(3);
    }

    @Test
    void aBrokenFileHasEveryProblemListedWithWhereItIs() throws IOException {
        ArrayNode file = (ArrayNode) json.readTree(seeds());
        ObjectNode first = (ObjectNode) file.get(0);
        first.put("slug", "Social Isolation!");
        first.put("currency", "EUR");
        first.put("budget", -5);
        first.put("minimumAward", 30000);
        first.put("lightTouchThreshold", "5000");
        first.put("opensOn", "2027-02-30");
        first.put("colour", "green");
        ((ArrayNode) first.with("eligibility").get("allowedLegalForms")).add("SOLE_TRADER");
        ObjectNode question = (ObjectNode) first.get("questions").get(1);
        question.put("key", "whoBenefits");
        question.put("type", "video");
        ((ObjectNode) first.get("questions").get(0)).put("maxLength", 0);
        ((ObjectNode) first.get("criteria").get(2)).put("weight", 0);
        ((ObjectNode) first.get("criteria").get(3)).put("maxScore", 2.5);
        ((ObjectNode) first.get("criteria").get(3)).remove("label");
        ((ObjectNode) first.get("payments").get("fullRouteTranches").get(1)).put("percent", 40);
        ((ObjectNode) first.get("timeLimits")).put("informationReminderDays", 30);
        ((ObjectNode) first.get("declineReasons").get(1)).put("key", "oversubscribed");
        ((ObjectNode) first.get("declineReasons").get(2)).put("text", " ");
        ObjectNode second = (ObjectNode) file.get(1);
        second.put("slug", "Social Isolation!");
        second.remove("reporting");
        second.put("closesOn", "2026-01-01");

        FundRules.FundFileException e = catchThrowableOfType(FundRules.FundFileException.class,
                () -> rules.read(json.writeValueAsBytes(file)));

        assertThat(e.problems()).extracting(FundRules.Problem::toString).containsExactlyInAnyOrder(
                "funds[0].colour: is not a property Kith knows (check the spelling)",
                "funds[0].slug: must be lower-case letters and digits joined by single hyphens, like community-places-2027",
                "funds[0].currency: must be GBP: Kith pays grants in pounds",
                "funds[0].budget: must be 0 or more",
                "funds[0].lightTouchThreshold: must be a number of pounds, like 5000 or 2500.50 (no £ sign or quotes)",
                "funds[0].minimumAward: must not be more than the maximum award",
                "funds[0].opensOn: must be a real date written as YYYY-MM-DD, like 2027-03-31",
                "funds[0].eligibility.allowedLegalForms[7]: must be one of SCOTTISH_CHARITY, REGISTERED_CHARITY, "
                        + "CHARITABLE_COMPANY, COMMUNITY_INTEREST_COMPANY, COMMUNITY_BENEFIT_SOCIETY, COMMUNITY_COUNCIL, "
                        + "UNREGISTERED_GROUP",
                "funds[0].questions[0].maxLength: must be between 1 and 10000 characters",
                "funds[0].questions[1].key: \"whoBenefits\" is used twice in this list",
                "funds[0].questions[1].type: must be text or file",
                "funds[0].criteria[2].weight: must be at least 1",
                "funds[0].criteria[3].label: is required",
                "funds[0].criteria[3].maxScore: must be a whole number",
                "funds[0].payments.fullRouteTranches: percents must add up to 100 (they add up to 90)",
                "funds[0].timeLimits.informationReminderDays: must be fewer than informationLapseDays (21): the "
                        + "reminder comes before the question lapses",
                "funds[0].declineReasons[1].key: \"oversubscribed\" is used twice in this list",
                "funds[0].declineReasons[2].text: must not be blank",
                "funds[1].reporting: is required",
                "funds[1].slug: must be lower-case letters and digits joined by single hyphens, like community-places-2027",
                "funds[1].closesOn: must not be before the opening date",
                "funds[1].slug: is the same as funds[0].slug: each fund needs its own");
        assertThat(e.getMessage()).contains("funds[0].criteria[2].weight: must be at least 1");
    }

    @Test
    void oneFundObjectIsAFileToo() throws IOException {
        byte[] one = json.writeValueAsBytes(json.readTree(seeds()).get(1));

        assertThat(rules.read(one)).extracting(Fund::slug).containsExactly("community-places-small-grants");

        ObjectNode broken = (ObjectNode) json.readTree(one);
        broken.remove("name");
        broken.with("payments").putArray("fullRouteTranches");
        assertThat(catchThrowableOfType(FundRules.FundFileException.class,
                () -> rules.read(json.writeValueAsBytes(broken))).problems())
                .extracting(FundRules.Problem::toString)
                .containsExactly("fund.name: is required", "fund.payments.fullRouteTranches: must hold at least one tranche");
    }

    @Test
    void whatIsNotJsonOrNotFundsSaysSo() {
        assertThatThrownBy(() -> rules.read("[{\"slug\": }]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(FundRules.FundFileException.class)
                .hasMessageContaining("The file is not valid JSON (line 1, column");
        assertThat(catchThrowableOfType(FundRules.FundFileException.class,
                () -> rules.read("\"a fund\"".getBytes(StandardCharsets.UTF_8))).problems())
                .extracting(FundRules.Problem::message)
                .containsExactly("The file must hold an array of funds, or one fund object");
        assertThat(catchThrowableOfType(FundRules.FundFileException.class,
                () -> rules.read("[]".getBytes(StandardCharsets.UTF_8))).problems())
                .extracting(FundRules.Problem::toString).containsExactly("funds: must hold at least one fund");
        assertThat(catchThrowableOfType(FundRules.FundFileException.class,
                () -> rules.read("[{}]".getBytes(StandardCharsets.UTF_8))).problems()).hasSize(16)
                .allMatch(p -> p.message().equals("is required"));
    }

    @Test
    void aFundWrittenOutReadsBackTheSame() throws IOException {
        List<Fund> seeded = rules.read(seeds());

        List<Fund> again = rules.read(json.writeValueAsBytes(rules.toJson(seeded)));

        assertThat(again).isEqualTo(seeded);
        assertThat(rules.check(seeded.get(0))).isEmpty();
    }

    @Test
    void theLegalFormsAreTheOrganisationsLegalForms() {
        assertThat(FundRules.LEGAL_FORMS)
                .containsExactlyElementsOf(Arrays.stream(LegalForm.values()).map(Enum::name).toList());
    }

    private static byte[] seeds() throws IOException {
        return Files.readAllBytes(Path.of("seeds", "funds.json"));
    }
}
