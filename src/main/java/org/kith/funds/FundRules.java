package org.kith.funds;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Every rule a fund must meet, checked on the JSON of seeds/funds.json (an array of funds, or one fund), so that
 * every problem is found at once and named by where it is: {@code funds[0].criteria[2].weight: must be at least 1}.
 * Property names no rule knows are problems too: a misspelt optional field must not be silently dropped. The demo
 * data, the import page and the edit page all use these rules; a fund is read into a {@link Fund} only when it
 * meets every one.
 */
@Component
public class FundRules {

    /** What is wrong and where: a path into the JSON ({@code funds[1].payments.fullRouteTranches}) and a phrase. */
    public record Problem(String path, String message) {

        @Override
        public String toString() {
            return path.isEmpty() ? message : path + ": " + message;
        }
    }

    /** A file of funds that cannot be read or breaks rules; {@link #problems()} lists every one. */
    public static class FundFileException extends RuntimeException {

        private final transient List<Problem> problems;

        public FundFileException(List<Problem> problems) {
            super("The funds break " + problems.size() + " rule(s):\n" + String.join("\n",
                    problems.stream().map(Problem::toString).toList()));
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    public static final String CURRENCY = "GBP";
    /** The values of {@code organisations.LegalForm}, which this module does not import (see FundRulesTest). */
    public static final List<String> LEGAL_FORMS = FundPages.LEGAL_FORMS;
    /** DECIMAL(14,2): below a trillion pounds, to the penny. */
    static final BigDecimal MONEY_LIMIT = new BigDecimal("1000000000000");
    static final int MAX_TEXT_ANSWER = 10_000;
    static final int MAX_DAYS = 1830;

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final int MAX_KEY = 60;

    /**
     * The property names each part may have: its record's components, so a field added to {@link Fund} is known here
     * at once (and should get its rules here too).
     */
    private static final Set<String> FUND_FIELDS = properties(Fund.class, "id");
    private static final Set<String> ELIGIBILITY_FIELDS = properties(Fund.Eligibility.class);
    private static final Set<String> CHECK_FIELDS = properties(Fund.Check.class);
    private static final Set<String> QUESTION_FIELDS = properties(Fund.Question.class);
    private static final Set<String> CRITERION_FIELDS = properties(Fund.Criterion.class);
    private static final Set<String> REPORTING_FIELDS = properties(Fund.Reporting.class);
    private static final Set<String> PAYMENTS_FIELDS = properties(Fund.Payments.class);
    private static final Set<String> TRANCHE_FIELDS = properties(Fund.Tranche.class);
    private static final Set<String> TIME_LIMITS_FIELDS = properties(Fund.TimeLimits.class);
    private static final Set<String> DECLINE_REASON_FIELDS = properties(Fund.DeclineReason.class);
    private static final Set<String> FUND_REQUIRED = Set.of("slug", "name", "description", "currency", "budget",
            "minimumAward", "maximumAward", "lightTouchThreshold", "opensOn", "closesOn", "eligibility", "questions",
            "criteria", "reporting", "payments", "timeLimits");

    private final ObjectMapper json;

    public FundRules(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Reads a file in seeds/funds.json's form: an array of funds, or a single fund object.
     * @throws FundFileException listing every problem, when the file is not JSON or any fund breaks a rule
     */
    public List<Fund> read(byte[] content) {
        JsonNode root;
        try {
            root = json.readTree(content);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new FundFileException(List.of(new Problem("", "The file is not valid JSON" + where + ": "
                    + e.getOriginalMessage())));
        } catch (java.io.IOException e) {
            throw new FundFileException(List.of(new Problem("", "The file cannot be read: " + e.getMessage())));
        }
        List<Problem> problems = check(root);
        if (!problems.isEmpty()) {
            throw new FundFileException(problems);
        }
        List<Fund> funds = new ArrayList<>();
        for (JsonNode node : root.isArray() ? root : List.of(root)) {
            try {
                funds.add(json.treeToValue(node, Fund.class));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a fund that meets every rule is readable", e);
            }
        }
        return funds;
    }

    /** Every problem in a file's JSON: paths start at {@code funds[i]} for an array, {@code fund} for one object. */
    public List<Problem> check(JsonNode root) {
        Checker c = new Checker();
        if (root == null || root.isMissingNode() || root.isNull()) {
            c.add("", "The file is empty: it must hold an array of funds, or one fund");
        } else if (root.isArray()) {
            if (root.isEmpty()) {
                c.add("funds", "must hold at least one fund");
            }
            Map<String, Integer> slugs = new HashMap<>();
            for (int i = 0; i < root.size(); i++) {
                String path = "funds[" + i + "]";
                fund(c, root.get(i), path);
                String slug = root.get(i).path("slug").asText(null);
                if (slug != null && slugs.putIfAbsent(slug, i) != null) {
                    c.add(path + ".slug", "is the same as funds[" + slugs.get(slug) + "].slug: each fund needs its own");
                }
            }
        } else if (root.isObject()) {
            fund(c, root, "fund");
        } else {
            c.add("", "The file must hold an array of funds, or one fund object");
        }
        return c.problems;
    }

    /** Every problem of one fund, with paths from the fund itself ({@code budget}, {@code criteria[0].weight}). */
    public List<Problem> check(Fund fund) {
        Checker c = new Checker();
        fund(c, toJson(fund), "");
        return c.problems;
    }

    /** A fund as it is written in seeds/funds.json (no id), so that it reads back as the same fund. */
    public ObjectNode toJson(Fund fund) {
        ObjectNode node = json.createObjectNode();
        node.put("slug", fund.slug());
        node.put("name", fund.name());
        node.put("description", fund.description());
        node.put("currency", fund.currency());
        node.put("budget", fund.budget());
        node.put("minimumAward", fund.minimumAward());
        node.put("maximumAward", fund.maximumAward());
        node.put("lightTouchThreshold", fund.lightTouchThreshold());
        node.put("opensOn", fund.opensOn() == null ? null : fund.opensOn().toString());
        node.put("closesOn", fund.closesOn() == null ? null : fund.closesOn().toString());
        if (fund.eligibility() != null) {
            Fund.Eligibility e = fund.eligibility();
            ObjectNode eligibility = node.putObject("eligibility");
            ArrayNode forms = eligibility.putArray("allowedLegalForms");
            if (e.allowedLegalForms() != null) {
                LEGAL_FORMS.stream().filter(e.allowedLegalForms()::contains).forEach(forms::add);
                e.allowedLegalForms().stream().filter(f -> !LEGAL_FORMS.contains(f)).sorted().forEach(forms::add);
            }
            putIfNotNull(eligibility, "whoFor", e.whoFor());
            e.wontFund().forEach(eligibility.putArray("wontFund")::add);
            ArrayNode checks = eligibility.putArray("checks");
            for (Fund.Check check : e.checks()) {
                ObjectNode o = checks.addObject();
                o.put("key", check.key());
                o.put("question", check.question());
                putIfNotNull(o, "hint", check.hint());
                o.put("eligibleAnswer", check.eligibleAnswer());
                o.put("whyNot", check.whyNot());
                putIfNotNull(o, "whatElse", check.whatElse());
            }
        }
        ArrayNode questions = node.putArray("questions");
        for (Fund.Question q : listOf(fund.questions())) {
            ObjectNode o = questions.addObject();
            o.put("key", q.key());
            o.put("label", q.label());
            putIfNotNull(o, "hint", q.hint());
            o.put("required", q.required());
            o.put("maxLength", q.maxLength());
            o.put("type", q.type());
        }
        ArrayNode criteria = node.putArray("criteria");
        for (Fund.Criterion cr : listOf(fund.criteria())) {
            ObjectNode o = criteria.addObject();
            o.put("key", cr.key());
            o.put("label", cr.label());
            o.put("weight", cr.weight());
            o.put("maxScore", cr.maxScore());
            putIfNotNull(o, "guidance", cr.guidance());
        }
        if (fund.reporting() != null) {
            Fund.Reporting r = fund.reporting();
            ObjectNode o = node.putObject("reporting");
            o.put("dueAfterDays", r.dueAfterDays());
            o.put("reminderDaysBefore", r.reminderDaysBefore());
            o.put("overdueReminderDaysAfter", r.overdueReminderDaysAfter());
            listOf(r.asks()).forEach(o.putArray("asks")::add);
        }
        if (fund.payments() != null) {
            ArrayNode tranches = node.putObject("payments").putArray("fullRouteTranches");
            for (Fund.Tranche t : listOf(fund.payments().fullRouteTranches())) {
                tranches.addObject().put("percent", t.percent()).put("dueAfterDays", t.dueAfterDays());
            }
        }
        if (fund.timeLimits() != null) {
            Fund.TimeLimits t = fund.timeLimits();
            node.putObject("timeLimits").put("informationReminderDays", t.informationReminderDays())
                    .put("informationLapseDays", t.informationLapseDays())
                    .put("offerAcceptanceDays", t.offerAcceptanceDays()).put("decisionWeeks", t.decisionWeeks());
        }
        ArrayNode reasons = node.putArray("declineReasons");
        for (Fund.DeclineReason reason : fund.declineReasons()) {
            reasons.addObject().put("key", reason.key()).put("label", reason.label()).put("text", reason.text());
        }
        // a part added to Fund since this was written goes out as Jackson writes it
        for (java.lang.reflect.RecordComponent component : Fund.class.getRecordComponents()) {
            if (FUND_FIELDS.contains(component.getName()) && !node.has(component.getName())) {
                try {
                    Object value = component.getAccessor().invoke(fund);
                    if (value != null) {
                        node.set(component.getName(), json.valueToTree(value));
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("a record's accessor is public", e);
                }
            }
        }
        return node;
    }

    /** Funds as a file in seeds/funds.json's form: an array. */
    public ArrayNode toJson(List<Fund> funds) {
        ArrayNode array = json.createArrayNode();
        funds.forEach(f -> array.add(toJson(f)));
        return array;
    }

    private static Set<String> properties(Class<? extends Record> type, String... except) {
        Set<String> names = new HashSet<>();
        for (java.lang.reflect.RecordComponent component : type.getRecordComponents()) {
            names.add(component.getName());
        }
        names.removeAll(Set.of(except));
        return Set.copyOf(names);
    }

    private static void putIfNotNull(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static <T> List<T> listOf(List<T> list) {
        return list == null ? List.of() : list;
    }

    // --- the rules -------------------------------------------------------------------------------------------

    private void fund(Checker c, JsonNode node, String path) {
        ObjectNode fund = c.object(node, path, FUND_FIELDS, FUND_REQUIRED);
        if (fund == null) {
            return;
        }
        String slug = c.text(fund, "slug", path, 100);
        if (slug != null && !SLUG.matcher(slug).matches()) {
            c.add(at(path, "slug"), "must be lower-case letters and digits joined by single hyphens, "
                    + "like community-places-2027");
        }
        c.text(fund, "name", path, 300);
        c.text(fund, "description", path, 10_000);
        String currency = c.text(fund, "currency", path, 3);
        if (currency != null && !CURRENCY.equals(currency)) {
            c.add(at(path, "currency"), currency.matches("[A-Z]{3}")
                    ? "must be GBP: Kith pays grants in pounds" : "must be the 3-letter code GBP");
        }
        BigDecimal budget = c.money(fund, "budget", path);
        BigDecimal minimum = c.money(fund, "minimumAward", path);
        BigDecimal maximum = c.money(fund, "maximumAward", path);
        BigDecimal lightTouch = c.money(fund, "lightTouchThreshold", path);
        if (maximum != null && maximum.signum() == 0) {
            c.add(at(path, "maximumAward"), "must be more than 0");
        }
        if (minimum != null && maximum != null && minimum.compareTo(maximum) > 0) {
            c.add(at(path, "minimumAward"), "must not be more than the maximum award");
        }
        if (maximum != null && budget != null && maximum.compareTo(budget) > 0) {
            c.add(at(path, "maximumAward"), "must not be more than the budget");
        }
        if (lightTouch != null && minimum != null && maximum != null
                && (lightTouch.compareTo(minimum) < 0 || lightTouch.compareTo(maximum) > 0)) {
            c.add(at(path, "lightTouchThreshold"), "must be between the minimum and the maximum award");
        }
        LocalDate opens = c.date(fund, "opensOn", path);
        LocalDate closes = c.date(fund, "closesOn", path);
        if (opens != null && closes != null && opens.isAfter(closes)) {
            c.add(at(path, "closesOn"), "must not be before the opening date");
        }
        // a part left out already has its "is required" problem
        part(c, fund, path, "eligibility", this::eligibility);
        part(c, fund, path, "questions", this::questions);
        part(c, fund, path, "criteria", this::criteria);
        part(c, fund, path, "reporting", this::reporting);
        part(c, fund, path, "payments", this::payments);
        part(c, fund, path, "timeLimits", this::timeLimits);
        part(c, fund, path, "declineReasons", this::declineReasons);
    }

    private interface Part {
        void check(Checker c, JsonNode node, String path);
    }

    private static void part(Checker c, ObjectNode fund, String path, String field, Part part) {
        if (fund.hasNonNull(field)) {
            part.check(c, fund.get(field), at(path, field));
        }
    }

    private void eligibility(Checker c, JsonNode node, String path) {
        ObjectNode e = c.object(node, path, ELIGIBILITY_FIELDS,
                Set.of("allowedLegalForms"));
        if (e == null) {
            return;
        }
        ArrayNode forms = c.array(e, "allowedLegalForms", path, true);
        if (forms != null) {
            if (forms.isEmpty()) {
                c.add(at(path, "allowedLegalForms"), "must name at least one legal form");
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < forms.size(); i++) {
                String itemPath = at(path, "allowedLegalForms") + "[" + i + "]";
                JsonNode form = forms.get(i);
                if (!form.isTextual() || !LEGAL_FORMS.contains(form.asText())) {
                    c.add(itemPath, "must be one of " + String.join(", ", LEGAL_FORMS));
                } else if (!seen.add(form.asText())) {
                    c.add(itemPath, "is listed twice");
                }
            }
        }
        c.text(e, "whoFor", path, 2000, false);
        c.each(e, "wontFund", path, (item, itemPath) -> c.textValue(item, itemPath, 300));
        Set<String> keys = new HashSet<>();
        c.each(e, "checks", path, (item, itemPath) -> {
            ObjectNode check = c.object(item, itemPath,
                    CHECK_FIELDS,
                    Set.of("key", "question", "eligibleAnswer", "whyNot"));
            if (check != null) {
                c.key(check, itemPath, keys);
                c.text(check, "question", itemPath, 300);
                c.text(check, "hint", itemPath, 1000, false);
                c.bool(check, "eligibleAnswer", itemPath);
                c.text(check, "whyNot", itemPath, 1000);
                c.text(check, "whatElse", itemPath, 1000, false);
            }
        });
    }

    private void questions(Checker c, JsonNode node, String path) {
        ArrayNode questions = c.arrayAt(node, path);
        if (questions == null) {
            return;
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < questions.size(); i++) {
            String itemPath = path + "[" + i + "]";
            ObjectNode q = c.object(questions.get(i), itemPath,
                    QUESTION_FIELDS, Set.of("key", "label"));
            if (q == null) {
                continue;
            }
            c.key(q, itemPath, keys);
            c.text(q, "label", itemPath, 300);
            c.text(q, "hint", itemPath, 1000, false);
            if (q.has("required") && !q.get("required").isNull()) {
                c.bool(q, "required", itemPath);
            }
            String type = c.text(q, "type", itemPath, 10, false);
            boolean file = Fund.Question.FILE.equals(type);
            if (type != null && !file && !Fund.Question.TEXT.equals(type)) {
                c.add(at(itemPath, "type"), "must be text or file");
            }
            Integer maxLength = q.hasNonNull("maxLength") ? c.integer(q, "maxLength", itemPath, 0, Integer.MAX_VALUE)
                    : null;
            if (file) {
                if (maxLength != null && maxLength != 0) {
                    c.add(at(itemPath, "maxLength"), "must be 0 (or left out) for a file question");
                }
            } else if (maxLength == null && !q.hasNonNull("maxLength")) {
                c.add(at(itemPath, "maxLength"), "is required for a text question");
            } else if (maxLength != null && (maxLength < 1 || maxLength > MAX_TEXT_ANSWER)) {
                c.add(at(itemPath, "maxLength"), "must be between 1 and " + MAX_TEXT_ANSWER + " characters");
            }
        }
    }

    private void criteria(Checker c, JsonNode node, String path) {
        ArrayNode criteria = c.arrayAt(node, path);
        if (criteria == null) {
            return;
        }
        if (criteria.isEmpty()) {
            c.add(path, "must hold at least one criterion: assessors score against them");
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < criteria.size(); i++) {
            String itemPath = path + "[" + i + "]";
            ObjectNode cr = c.object(criteria.get(i), itemPath,
                    CRITERION_FIELDS,
                    Set.of("key", "label", "weight", "maxScore"));
            if (cr != null) {
                c.key(cr, itemPath, keys);
                c.text(cr, "label", itemPath, 200);
                c.integer(cr, "weight", itemPath, 1, 100);
                c.integer(cr, "maxScore", itemPath, 1, 100);
                c.text(cr, "guidance", itemPath, 2000, false);
            }
        }
    }

    private void reporting(Checker c, JsonNode node, String path) {
        ObjectNode r = c.object(node, path, REPORTING_FIELDS,
                Set.of("dueAfterDays", "reminderDaysBefore", "overdueReminderDaysAfter"));
        if (r == null) {
            return;
        }
        Integer due = c.integer(r, "dueAfterDays", path, 1, MAX_DAYS);
        Integer reminder = c.integer(r, "reminderDaysBefore", path, 0, MAX_DAYS);
        c.integer(r, "overdueReminderDaysAfter", path, 1, 365);
        if (due != null && reminder != null && reminder >= due) {
            c.add(at(path, "reminderDaysBefore"), "must be fewer than dueAfterDays (" + due + ")");
        }
        ArrayNode asks = c.array(r, "asks", path, false);
        if (asks != null && asks.size() > 3) {
            c.add(at(path, "asks"), "must hold at most 3 questions: the report asks what you did, the difference "
                    + "it made and what you learned");
        }
        for (int i = 0; asks != null && i < asks.size(); i++) {
            c.textValue(asks.get(i), at(path, "asks") + "[" + i + "]", 300);
        }
    }

    private void payments(Checker c, JsonNode node, String path) {
        ObjectNode p = c.object(node, path, PAYMENTS_FIELDS, Set.of("fullRouteTranches"));
        if (p == null) {
            return;
        }
        String tranchesPath = at(path, "fullRouteTranches");
        ArrayNode tranches = c.array(p, "fullRouteTranches", path, true);
        if (tranches == null) {
            return;
        }
        if (tranches.isEmpty()) {
            c.add(tranchesPath, "must hold at least one tranche");
            return;
        }
        int sum = 0;
        boolean complete = true;
        Integer previousDue = null;
        for (int i = 0; i < tranches.size(); i++) {
            String itemPath = tranchesPath + "[" + i + "]";
            ObjectNode t = c.object(tranches.get(i), itemPath, TRANCHE_FIELDS,
                    Set.of("percent", "dueAfterDays"));
            if (t == null) {
                complete = false;
                continue;
            }
            Integer percent = c.integer(t, "percent", itemPath, 1, 100);
            Integer due = c.integer(t, "dueAfterDays", itemPath, 0, MAX_DAYS);
            if (percent == null) {
                complete = false;
            } else {
                sum += percent;
            }
            if (due != null && previousDue != null && due < previousDue) {
                c.add(at(itemPath, "dueAfterDays"), "must not be before the tranche above it");
            }
            previousDue = due != null ? due : previousDue;
        }
        if (complete && sum != 100) {
            c.add(tranchesPath, "percents must add up to 100 (they add up to " + sum + ")");
        }
    }

    private void timeLimits(Checker c, JsonNode node, String path) {
        ObjectNode t = c.object(node, path, TIME_LIMITS_FIELDS, Set.of("informationReminderDays", "informationLapseDays",
                "offerAcceptanceDays", "decisionWeeks"));
        if (t == null) {
            return;
        }
        Integer reminder = c.integer(t, "informationReminderDays", path, 1, 365);
        Integer lapse = c.integer(t, "informationLapseDays", path, 1, 365);
        c.integer(t, "offerAcceptanceDays", path, 1, 365);
        c.integer(t, "decisionWeeks", path, 1, 52);
        if (reminder != null && lapse != null && reminder >= lapse) {
            c.add(at(path, "informationReminderDays"), "must be fewer than informationLapseDays (" + lapse
                    + "): the reminder comes before the question lapses");
        }
    }

    private void declineReasons(Checker c, JsonNode node, String path) {
        ArrayNode reasons = c.arrayAt(node, path);
        if (reasons == null) {
            return;
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < reasons.size(); i++) {
            String itemPath = path + "[" + i + "]";
            ObjectNode r = c.object(reasons.get(i), itemPath, DECLINE_REASON_FIELDS,
                    Set.of("key", "label", "text"));
            if (r != null) {
                c.key(r, itemPath, keys);
                c.text(r, "label", itemPath, 200);
                c.text(r, "text", itemPath, 2000);
            }
        }
    }

    private static String at(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** Collects problems; each check returns the value when it is usable, else null (and has said why). */
    private static final class Checker {

        private final List<Problem> problems = new ArrayList<>();

        void add(String path, String message) {
            problems.add(new Problem(path, message));
        }

        ObjectNode object(JsonNode node, String path, Set<String> allowed, Set<String> required) {
            if (node == null || node.isNull() || node.isMissingNode()) {
                add(path, "is required");
                return null;
            }
            if (!node.isObject()) {
                add(path, "must be an object ({ ... })");
                return null;
            }
            Set<String> unknown = new LinkedHashSet<>();
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    unknown.add(name);
                }
            }
            unknown.forEach(name -> add(at(path, name), "is not a property Kith knows (check the spelling)"));
            allowed.stream().filter(required::contains).sorted()
                    .filter(name -> !node.hasNonNull(name))
                    .forEach(name -> add(at(path, name), "is required"));
            return (ObjectNode) node;
        }

        String text(ObjectNode o, String field, String path, int max) {
            return text(o, field, path, max, true);
        }

        /** A required field already has its "is required" problem from {@link #object}. */
        String text(ObjectNode o, String field, String path, int max, boolean required) {
            JsonNode value = o.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            String text = textValue(value, at(path, field), max);
            if (text != null && required && text.isBlank()) {
                add(at(path, field), "must not be blank");
                return null;
            }
            return text;
        }

        String textValue(JsonNode value, String path, int max) {
            if (!value.isTextual()) {
                add(path, "must be text (in quotes)");
                return null;
            }
            String text = value.asText();
            if (text.length() > max) {
                add(path, "must be " + max + " characters or fewer (it has " + text.length() + ")");
                return null;
            }
            return text;
        }

        BigDecimal money(ObjectNode o, String field, String path) {
            JsonNode value = o.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isNumber()) {
                add(at(path, field), "must be a number of pounds, like 5000 or 2500.50 (no £ sign or quotes)");
                return null;
            }
            BigDecimal amount = value.decimalValue();
            if (amount.signum() < 0) {
                add(at(path, field), "must be 0 or more");
                return null;
            }
            if (amount.stripTrailingZeros().scale() > 2) {
                add(at(path, field), "must be in pounds and pence, with at most 2 decimal places");
                return null;
            }
            if (amount.compareTo(MONEY_LIMIT) >= 0) {
                add(at(path, field), "must be less than £1,000,000,000,000");
                return null;
            }
            return amount;
        }

        LocalDate date(ObjectNode o, String field, String path) {
            JsonNode value = o.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            try {
                if (value.isTextual()) {
                    return LocalDate.parse(value.asText());
                }
            } catch (DateTimeParseException e) {
                // said below
            }
            add(at(path, field), "must be a real date written as YYYY-MM-DD, like 2027-03-31");
            return null;
        }

        Integer integer(ObjectNode o, String field, String path, int min, int max) {
            JsonNode value = o.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isNumber() || value.decimalValue().stripTrailingZeros().scale() > 0
                    || !value.canConvertToInt()) {
                add(at(path, field), "must be a whole number");
                return null;
            }
            int number = value.intValue();
            if (number < min) {
                add(at(path, field), "must be at least " + min);
                return null;
            }
            if (number > max) {
                add(at(path, field), "must be at most " + max);
                return null;
            }
            return number;
        }

        void bool(ObjectNode o, String field, String path) {
            JsonNode value = o.get(field);
            if (value != null && !value.isNull() && !value.isBoolean()) {
                add(at(path, field), "must be true or false (no quotes)");
            }
        }

        /** A key: well-formed, and not used twice in its list. */
        void key(ObjectNode o, String path, Set<String> seen) {
            String key = text(o, "key", path, MAX_KEY);
            if (key == null) {
                return;
            }
            if (!KEY.matcher(key).matches()) {
                add(at(path, "key"), "must start with a letter and hold only letters, digits, - and _");
            } else if (!seen.add(key)) {
                add(at(path, "key"), "\"" + key + "\" is used twice in this list");
            }
        }

        ArrayNode array(ObjectNode o, String field, String path, boolean required) {
            JsonNode value = o.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isArray()) {
                add(at(path, field), "must be a list ([ ... ])");
                return null;
            }
            return (ArrayNode) value;
        }

        ArrayNode arrayAt(JsonNode node, String path) {
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isArray()) {
                add(path, "must be a list ([ ... ])");
                return null;
            }
            return (ArrayNode) node;
        }

        void each(ObjectNode o, String field, String path, java.util.function.BiConsumer<JsonNode, String> check) {
            JsonNode value = o.get(field);
            if (value == null || value.isNull()) {
                return;
            }
            if (!value.isArray()) {
                add(at(path, field), "must be a list ([ ... ])");
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                check.accept(value.get(i), at(path, field) + "[" + i + "]");
            }
        }
    }
}
