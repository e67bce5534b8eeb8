package org.kith.funds;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpSession;

import org.kith.web.Formats;
import org.kith.web.Messages;
import org.kith.web.NotFoundException;
import org.kith.web.Option;
import org.kith.web.PageForm;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public pages of funds: the home page with the open funds in plain English, and the eligibility check anyone
 * can take before making an account, one question a page. An answer that rules a group out leads to a page that
 * says why and what else to try, never to a field error. The answers live in the session, keyed by fund.
 */
@Controller
class FundPages {

    static final String LEGAL_FORM_STEP = "legalForm";
    static final String AMOUNT_STEP = "amount";

    /** The legal forms a group can be, in the order the question lists them (values of {@code LegalForm}). */
    static final List<String> LEGAL_FORMS = List.of("SCOTTISH_CHARITY", "REGISTERED_CHARITY", "CHARITABLE_COMPANY",
            "COMMUNITY_INTEREST_COMPANY", "COMMUNITY_BENEFIT_SOCIETY", "COMMUNITY_COUNCIL", "UNREGISTERED_GROUP");

    private final Funds funds;
    private final FundStatistics statistics;
    private final Clock clock;
    private final Messages messages;
    private final Formats formats;

    FundPages(Funds funds, FundStatistics statistics, Clock clock, Messages messages, Formats formats) {
        this.funds = funds;
        this.statistics = statistics;
        this.clock = clock;
        this.messages = messages;
        this.formats = formats;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("funds", openFunds());
        model.addAttribute("statistics", statistics.published());
        return "funds/home";
    }

    @GetMapping("/funds/{slug}/check")
    String startCheck(@PathVariable String slug, HttpSession session) {
        Fund fund = openFund(slug);
        session.removeAttribute(answersKey(fund));
        return "redirect:/funds/" + slug + "/check/" + steps(fund).get(0);
    }

    @GetMapping("/funds/{slug}/check/{step}")
    String question(@PathVariable String slug, @PathVariable String step, HttpSession session, Model model) {
        Fund fund = openFund(slug);
        List<String> steps = steps(fund);
        if (!steps.contains(step)) {
            throw new NotFoundException("There is no such question.");
        }
        return showQuestion(fund, step, PageForm.of(Map.of("answer", answers(session, fund).getOrDefault(step, ""))),
                model);
    }

    @PostMapping("/funds/{slug}/check/{step}")
    String answer(@PathVariable String slug, @PathVariable String step, @RequestParam MultiValueMap<String, String> params,
            HttpSession session, Model model) {
        Fund fund = openFund(slug);
        List<String> steps = steps(fund);
        if (!steps.contains(step)) {
            throw new NotFoundException("There is no such question.");
        }
        PageForm form = PageForm.of(params, List.of("answer"));
        String answer = form.text("answer");
        if (step.equals(AMOUNT_STEP)) {
            answer = answer == null ? null : answer.replace("£", "").replace(",", "").strip();
            if (answer == null) {
                form.reject("answer", messages.text("eligibility.enterAmount"));
            } else if (!answer.matches("\\d{1,9}(\\.\\d{1,2})?")) {
                form.reject("answer", messages.text("eligibility.amountNotNumber"));
            }
        } else if (step.equals(LEGAL_FORM_STEP)) {
            if (answer == null || !LEGAL_FORMS.contains(answer)) {
                form.reject("answer", messages.text("eligibility.chooseLegalForm"));
            }
        } else if (answer == null || !(answer.equals("yes") || answer.equals("no"))) {
            form.reject("answer", messages.text("eligibility.chooseAnswer"));
        }
        if (form.hasErrors()) {
            return showQuestion(fund, step, form, model);
        }
        HashMap<String, String> answers = answers(session, fund);
        answers.put(step, answer);
        session.setAttribute(answersKey(fund), answers); // set again, so Spring Session stores the change
        if (ruledOut(fund, step, answer)) {
            return "redirect:/funds/" + slug + "/check/" + step + "/not-eligible";
        }
        int next = steps.indexOf(step) + 1;
        return "redirect:/funds/" + slug + "/check/" + (next < steps.size() ? steps.get(next) : "result");
    }

    @GetMapping("/funds/{slug}/check/{step}/not-eligible")
    String notEligible(@PathVariable String slug, @PathVariable String step, HttpSession session, Model model) {
        Fund fund = openFund(slug);
        String answer = answers(session, fund).get(step);
        if (answer == null || !ruledOut(fund, step, answer)) {
            return "redirect:/funds/" + slug + "/check";
        }
        model.addAttribute("fund", fund);
        model.addAttribute("step", step);
        if (step.equals(AMOUNT_STEP)) {
            model.addAttribute("title", messages.text("eligibility.ineligibleTitleAmount"));
            model.addAttribute("whyNot", messages.text("eligibility.outOfRange", money(new BigDecimal(answer)),
                    money(fund.minimumAward()), money(fund.maximumAward())));
            model.addAttribute("whatElse", messages.text("eligibility.outOfRangeElse"));
        } else if (step.equals(LEGAL_FORM_STEP)) {
            model.addAttribute("title", messages.text("eligibility.ineligibleTitle"));
            model.addAttribute("whyNot", messages.text("eligibility.legalFormNotFunded",
                    messages.text("legalForm." + answer).toLowerCase(Locale.UK)));
            model.addAttribute("whatElse", null);
        } else {
            Fund.Check check = check(fund, step);
            model.addAttribute("title", messages.text("eligibility.ineligibleTitle"));
            model.addAttribute("whyNot", check.whyNot());
            model.addAttribute("whatElse", check.whatElse());
        }
        model.addAttribute("otherFunds", openFunds().stream().filter(f -> f.id() != fund.id()).toList());
        model.addAttribute("backLink", "/funds/" + slug + "/check/" + step);
        return "funds/not-eligible";
    }

    @GetMapping("/funds/{slug}/check/result")
    String result(@PathVariable String slug, HttpSession session, Model model) {
        Fund fund = openFund(slug);
        Map<String, String> answers = answers(session, fund);
        for (String step : steps(fund)) {
            String answer = answers.get(step);
            if (answer == null) {
                return "redirect:/funds/" + slug + "/check/" + step;
            }
            if (ruledOut(fund, step, answer)) {
                return "redirect:/funds/" + slug + "/check/" + step + "/not-eligible";
            }
        }
        BigDecimal amount = new BigDecimal(answers.get(AMOUNT_STEP));
        model.addAttribute("fund", fund);
        model.addAttribute("amount", amount);
        boolean withinThreshold = amount.compareTo(fund.lightTouchThreshold()) <= 0;
        // as processes/assessment-route.dmn: a group with no charity or company number is read by two people the
        // first time it is funded, whatever the amount
        boolean unregistered = "UNREGISTERED_GROUP".equals(answers.get(LEGAL_FORM_STEP));
        model.addAttribute("lightTouch", withinThreshold && !unregistered);
        model.addAttribute("firstTimeUnregistered", withinThreshold && unregistered);
        model.addAttribute("backLink", "/funds/" + slug + "/check/" + AMOUNT_STEP);
        return "funds/eligible";
    }

    private String showQuestion(Fund fund, String step, PageForm form, Model model) {
        List<String> steps = steps(fund);
        model.addAttribute("fund", fund);
        model.addAttribute("step", step);
        model.addAttribute("number", steps.indexOf(step) + 1);
        model.addAttribute("count", steps.size());
        model.addAttribute("form", form);
        int index = steps.indexOf(step);
        model.addAttribute("backLink", index == 0 ? "/" : "/funds/" + fund.slug() + "/check/" + steps.get(index - 1));
        if (step.equals(AMOUNT_STEP)) {
            model.addAttribute("question", messages.text("eligibility.amount"));
            model.addAttribute("hint", messages.text("eligibility.amountHint", money(fund.minimumAward()),
                    money(fund.maximumAward())));
            model.addAttribute("options", null);
            return "funds/check-question";
        }
        List<Option> options = new ArrayList<>();
        if (step.equals(LEGAL_FORM_STEP)) {
            model.addAttribute("question", messages.text("eligibility.legalForm"));
            model.addAttribute("hint", messages.text("eligibility.legalFormHint"));
            LEGAL_FORMS.forEach(f -> options.add(new Option(f, messages.text("legalForm." + f))));
        } else {
            Fund.Check check = check(fund, step);
            model.addAttribute("question", check.question());
            model.addAttribute("hint", check.hint());
            options.add(new Option("yes", messages.text("form.yes")));
            options.add(new Option("no", messages.text("form.no")));
        }
        model.addAttribute("options", options);
        return "funds/check-question";
    }

    private boolean ruledOut(Fund fund, String step, String answer) {
        return switch (step) {
            case AMOUNT_STEP -> {
                BigDecimal amount = new BigDecimal(answer);
                yield amount.compareTo(fund.minimumAward()) < 0 || amount.compareTo(fund.maximumAward()) > 0;
            }
            case LEGAL_FORM_STEP -> !fund.eligibility().allowedLegalForms().contains(answer);
            default -> check(fund, step).eligibleAnswer() != answer.equals("yes");
        };
    }

    /** The fund's own yes-or-no checks, then the kind of group, then the amount: all from the fund's rules. */
    static List<String> steps(Fund fund) {
        List<String> steps = new ArrayList<>();
        fund.eligibility().checks().forEach(c -> steps.add(c.key()));
        steps.add(LEGAL_FORM_STEP);
        steps.add(AMOUNT_STEP);
        return steps;
    }

    private static Fund.Check check(Fund fund, String key) {
        return fund.eligibility().checks().stream().filter(c -> c.key().equals(key)).findFirst()
                .orElseThrow(() -> new NotFoundException("There is no such question."));
    }

    /** A copy of the answers given so far; change it, then set it again. */
    private static HashMap<String, String> answers(HttpSession session, Fund fund) {
        HashMap<String, String> answers = new HashMap<>();
        if (session.getAttribute(answersKey(fund)) instanceof Map<?, ?> kept) {
            kept.forEach((k, v) -> answers.put((String) k, (String) v));
        }
        return answers;
    }

    private static String answersKey(Fund fund) {
        return FundPages.class.getName() + "." + fund.slug();
    }

    private List<Fund> openFunds() {
        LocalDate today = LocalDate.now(clock);
        return funds.all().stream().filter(f -> f.isOpenOn(today)).toList();
    }

    private Fund openFund(String slug) {
        Fund fund = funds.findBySlug(slug).orElseThrow(() -> new NotFoundException("There is no such fund."));
        if (!fund.isOpenOn(LocalDate.now(clock))) {
            throw new NotFoundException("This fund is not open.");
        }
        return fund;
    }

    private String money(BigDecimal amount) {
        return formats.money(amount);
    }
}
