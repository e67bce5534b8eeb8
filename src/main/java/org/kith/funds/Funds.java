package org.kith.funds;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.kith.web.JsonColumns;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.fasterxml.jackson.core.type.TypeReference;

/** Reads and writes funds; the rule parts are stored as JSON documents beside the plain columns. */
@Repository
public class Funds {

    private final JdbcClient jdbc;
    private final JsonColumns json;

    Funds(JdbcClient jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public List<Fund> all() {
        return jdbc.sql("SELECT * FROM fund ORDER BY id").query(this::map).list();
    }

    /**
     * A fund is read once per transaction: a submission asks for it from several places (checks, eligibility,
     * burden, news), and each read parsed five JSON documents again (issue 9). Saving a fund forgets it.
     */
    public Optional<Fund> find(long id) {
        Map<Long, Optional<Fund>> read = readInThisTransaction();
        if (read == null) {
            return select(id);
        }
        return read.computeIfAbsent(id, this::select);
    }

    private Optional<Fund> select(long id) {
        return jdbc.sql("SELECT * FROM fund WHERE id = :id").param("id", id).query(this::map).optional();
    }

    /** The funds this transaction has read, or null outside a transaction. */
    @SuppressWarnings("unchecked")
    private Map<Long, Optional<Fund>> readInThisTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Object read = TransactionSynchronizationManager.getResource(this);
        if (read == null) {
            read = new HashMap<Long, Optional<Fund>>();
            TransactionSynchronizationManager.bindResource(this, read);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(Funds.this);
                }
            });
        }
        return (Map<Long, Optional<Fund>>) read;
    }

    public Fund get(long id) {
        return find(id).orElseThrow(() -> new IllegalStateException("fund " + id + " is missing"));
    }

    public Optional<Fund> findBySlug(String slug) {
        return jdbc.sql("SELECT * FROM fund WHERE slug = :slug").param("slug", slug).query(this::map).optional();
    }

    /** Inserts a fund, or updates the one with the same slug; returns its id. */
    @Transactional
    public long save(Fund fund) {
        Map<Long, Optional<Fund>> read = readInThisTransaction();
        if (read != null) {
            read.clear();
        }
        String sql = findBySlug(fund.slug()).isPresent()
                ? """
                UPDATE fund SET name = :name, description = :description, currency = :currency, budget = :budget,
                  minimum_award = :minimumAward, maximum_award = :maximumAward,
                  light_touch_threshold = :lightTouchThreshold, opens_on = :opensOn, closes_on = :closesOn,
                  eligibility = :eligibility, questions = :questions, criteria = :criteria,
                  reporting = :reporting, payments = :payments, time_limits = :timeLimits,
                  decline_reasons = :declineReasons
                WHERE slug = :slug"""
                : """
                INSERT INTO fund (slug, name, description, currency, budget, minimum_award, maximum_award,
                  light_touch_threshold, opens_on, closes_on, eligibility, questions, criteria, reporting,
                  payments, time_limits, decline_reasons)
                VALUES (:slug, :name, :description, :currency, :budget, :minimumAward, :maximumAward,
                  :lightTouchThreshold, :opensOn, :closesOn, :eligibility, :questions, :criteria, :reporting,
                  :payments, :timeLimits, :declineReasons)""";
        jdbc.sql(sql)
                .param("slug", fund.slug()).param("name", fund.name()).param("description", fund.description())
                .param("currency", fund.currency()).param("budget", fund.budget())
                .param("minimumAward", fund.minimumAward()).param("maximumAward", fund.maximumAward())
                .param("lightTouchThreshold", fund.lightTouchThreshold())
                .param("opensOn", fund.opensOn()).param("closesOn", fund.closesOn())
                .param("eligibility", json.write(fund.eligibility())).param("questions", json.write(fund.questions()))
                .param("criteria", json.write(fund.criteria())).param("reporting", json.write(fund.reporting()))
                .param("payments", json.write(fund.payments())).param("timeLimits", json.write(fund.timeLimits()))
                .param("declineReasons", json.write(fund.declineReasons()))
                .update();
        return findBySlug(fund.slug()).orElseThrow().id();
    }

    private Fund map(ResultSet rs, int row) throws SQLException {
        return new Fund(
                rs.getLong("id"), rs.getString("slug"), rs.getString("name"), rs.getString("description"),
                rs.getString("currency"), rs.getBigDecimal("budget"), rs.getBigDecimal("minimum_award"),
                rs.getBigDecimal("maximum_award"), rs.getBigDecimal("light_touch_threshold"),
                rs.getObject("opens_on", java.time.LocalDate.class), rs.getObject("closes_on", java.time.LocalDate.class),
                json.read(rs.getString("eligibility"), new TypeReference<Fund.Eligibility>() { }),
                json.read(rs.getString("questions"), new TypeReference<List<Fund.Question>>() { }),
                json.read(rs.getString("criteria"), new TypeReference<List<Fund.Criterion>>() { }),
                json.read(rs.getString("reporting"), new TypeReference<Fund.Reporting>() { }),
                json.read(rs.getString("payments"), new TypeReference<Fund.Payments>() { }),
                json.read(rs.getString("time_limits"), new TypeReference<Fund.TimeLimits>() { }),
                rs.getString("decline_reasons") == null ? List.of()
                        : json.read(rs.getString("decline_reasons"), new TypeReference<List<Fund.DeclineReason>>() { }));
    }


}
