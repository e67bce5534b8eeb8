package org.kith.funds;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.kith.audit.AuditLog;
import org.kith.identity.CurrentUser;
import org.kith.identity.Role;
import org.kith.identity.UserAccounts;
import org.kith.web.ForbiddenException;
import org.kith.web.Formats;
import org.kith.web.JsonColumns;
import org.kith.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Funds set up without code: imported from a file in seeds/funds.json's form, exported the same way, and their
 * dates, budget, award limits and light-touch threshold changed. Admins may do this for every fund; a fund manager
 * for the funds they manage ({@link CurrentUser#managesFund}). Every change is checked by {@link FundRules} and
 * written to the audit trail.
 */
@Service
public class FundAdmin {

    /** What an import did to one fund. */
    public record Imported(long id, String slug, String name, boolean replaced) {
    }

    /** The fields the edit page changes. */
    public record Limits(LocalDate opensOn, LocalDate closesOn, BigDecimal budget, BigDecimal minimumAward,
            BigDecimal maximumAward, BigDecimal lightTouchThreshold) {

        static Limits of(Fund f) {
            return new Limits(f.opensOn(), f.closesOn(), f.budget(), f.minimumAward(), f.maximumAward(),
                    f.lightTouchThreshold());
        }

        Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("opensOn", String.valueOf(opensOn));
            map.put("closesOn", String.valueOf(closesOn));
            map.put("budget", budget);
            map.put("minimumAward", minimumAward);
            map.put("maximumAward", maximumAward);
            map.put("lightTouchThreshold", lightTouchThreshold);
            return map;
        }
    }

    private final Funds funds;
    private final FundRules rules;
    private final AuditLog audit;
    private final UserAccounts accounts;
    private final JsonColumns json;
    private final JdbcClient jdbc;
    private final Formats formats;

    FundAdmin(Funds funds, FundRules rules, AuditLog audit, UserAccounts accounts, JsonColumns json, JdbcClient jdbc,
            Formats formats) {
        this.jdbc = jdbc;
        this.formats = formats;
        this.funds = funds;
        this.rules = rules;
        this.audit = audit;
        this.accounts = accounts;
        this.json = json;
    }

    /** Admins and fund managers work on funds here; anyone else is refused. */
    public static void checkMayAdminister(CurrentUser user) {
        if (!user.has(Role.ADMIN) && !user.has(Role.FUND_MANAGER)) {
            throw new ForbiddenException("Only administrators and fund managers work on funds.");
        }
    }

    /** Whether this person may export, edit or replace this fund. */
    public static boolean administers(CurrentUser user, long fundId) {
        return user.has(Role.ADMIN) || user.managesFund(fundId);
    }

    /** The funds this person administers: all for an admin, the managed ones for a fund manager. */
    public List<Fund> list(CurrentUser user) {
        checkMayAdminister(user);
        return funds.all().stream().filter(f -> administers(user, f.id())).toList();
    }

    /** One fund this person administers; any other is not found. */
    public Fund get(CurrentUser user, long fundId) {
        checkMayAdminister(user);
        return funds.find(fundId).filter(f -> administers(user, f.id()))
                .orElseThrow(() -> new NotFoundException("There is no fund " + fundId + " that you manage."));
    }

    /**
     * Imports every fund of a file, or none: the file is read and checked whole before anything is written, and all
     * of it is written in this one transaction. A fund whose slug exists is refused unless {@code replace}, and then
     * only if this person administers it. A fund manager linked to funds is linked to the new ones too.
     * @throws FundRules.FundFileException listing every problem
     */
    @Transactional
    public List<Imported> importFile(CurrentUser user, byte[] content, String fileName, boolean replace) {
        checkMayAdminister(user);
        List<Fund> read = rules.read(content);
        List<FundRules.Problem> problems = new ArrayList<>();
        for (int i = 0; i < read.size(); i++) {
            String path = read.size() == 1 ? "fund.slug" : "funds[" + i + "].slug";
            Optional<Fund> existing = funds.findBySlug(read.get(i).slug());
            if (existing.isPresent() && !replace) {
                problems.add(new FundRules.Problem(path, "a fund with the slug " + read.get(i).slug()
                        + " already exists (" + existing.get().name() + "). Tick \u201cReplace the existing fund with "
                        + "the same slug\u201d to replace it"));
            } else if (existing.isPresent() && !administers(user, existing.get().id())) {
                problems.add(new FundRules.Problem(path, "a fund with the slug " + read.get(i).slug()
                        + " already exists and you do not manage it"));
            } else if (existing.isPresent()) {
                budgetCoversAwards(read.get(i).budget(), existing.get().id(), path.replace(".slug", ".budget"))
                        .ifPresent(problems::add);
            }
        }
        if (!problems.isEmpty()) {
            throw new FundRules.FundFileException(problems);
        }
        List<Imported> imported = new ArrayList<>();
        Set<Long> created = new HashSet<>();
        for (Fund fund : read) {
            boolean replaced = funds.findBySlug(fund.slug()).isPresent();
            long id = funds.save(fund);
            if (!replaced) {
                created.add(id);
            }
            imported.add(new Imported(id, fund.slug(), fund.name(), replaced));
            audit.record(null, "FUND_IMPORTED", null, null, json.write(Map.of("fundId", id, "slug", fund.slug(),
                    "replaced", replaced, "file", fileName == null ? "" : fileName)));
        }
        if (!created.isEmpty() && user.has(Role.FUND_MANAGER) && !user.linkedFunds().isEmpty()) {
            accounts.account(user.username()).ifPresent(account -> {
                Set<Long> links = new HashSet<>(accounts.linkedFunds(account.id()));
                links.addAll(created);
                accounts.linkFunds(account.id(), links);
            });
        }
        return imported;
    }

    /** The fund as a file in seeds/funds.json's form (an array of one), which imports back as the same fund. */
    public String export(CurrentUser user, long fundId) {
        Fund fund = get(user, fundId);
        return rules.toJson(List.of(fund)).toPrettyString();
    }

    /**
     * Changes a fund's dates, budget, award limits and light-touch threshold, checked by the same rules as an
     * import (paths are the fields' names: {@code budget}, {@code closesOn}).
     * @throws FundRules.FundFileException listing every problem
     */
    @Transactional
    public Fund change(CurrentUser user, long fundId, Limits limits) {
        Fund before = get(user, fundId);
        Fund after = changed(before, limits);
        List<FundRules.Problem> problems = new ArrayList<>(rules.check(after));
        budgetCoversAwards(after.budget(), fundId, "budget").ifPresent(problems::add);
        if (!problems.isEmpty()) {
            throw new FundRules.FundFileException(problems);
        }
        funds.save(after);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("fundId", fundId);
        detail.put("slug", before.slug());
        detail.put("before", Limits.of(before).asMap());
        detail.put("after", limits.asMap());
        audit.record(null, "FUND_CHANGED", null, null, json.write(detail));
        return funds.get(fundId);
    }

    /**
     * A budget never falls below what the fund has already awarded. The fund row is locked as an award locks it
     * ({@code awards.AwardRecords.committedLocked}), so an award made meanwhile waits and then sees the new budget.
     */
    private Optional<FundRules.Problem> budgetCoversAwards(BigDecimal budget, long fundId, String path) {
        jdbc.sql("SELECT id FROM fund WHERE id = :id FOR UPDATE").param("id", fundId).query(Long.class).single();
        BigDecimal awarded = jdbc.sql("""
                SELECT COALESCE(SUM(amount_awarded), 0) FROM application
                WHERE fund_id = :id AND status IN ('OFFERED', 'FUNDED', 'CLOSED')""")
                .param("id", fundId).query(BigDecimal.class).single();
        return budget != null && budget.compareTo(awarded) < 0
                ? Optional.of(new FundRules.Problem(path, "must not be less than the " + formats.money(awarded)
                        + " already awarded from this fund"))
                : Optional.empty();
    }

    /** What the rules would say of these limits, changing nothing (a value left null is reported as required). */
    public List<FundRules.Problem> check(CurrentUser user, long fundId, Limits limits) {
        return rules.check(changed(get(user, fundId), limits));
    }

    private static Fund changed(Fund before, Limits limits) {
        return new Fund(before.id(), before.slug(), before.name(), before.description(), before.currency(),
                limits.budget(), limits.minimumAward(), limits.maximumAward(), limits.lightTouchThreshold(),
                limits.opensOn(), limits.closesOn(), before.eligibility(), before.questions(), before.criteria(),
                before.reporting(), before.payments(), before.timeLimits(), before.declineReasons());
    }
}
