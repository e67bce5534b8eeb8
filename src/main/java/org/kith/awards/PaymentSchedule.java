package org.kith.awards;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.flowable.engine.delegate.DelegateExecution;
import org.kith.applications.Route;
import org.kith.funds.Fund;
import org.kith.workflow.ProcessKeys;
import org.springframework.stereotype.Component;

/**
 * The fund's payment rule. Light touch: one payment on acceptance. Full: the fund's tranches, the last one
 * taking any rounding remainder. Read by the recordPayment multi-instance in the BPMN.
 */
@Component("paymentSchedule")
public class PaymentSchedule {

    record Planned(int tranche, BigDecimal amount, LocalDate dueOn) {
    }

    private final AwardRecords records;

    PaymentSchedule(AwardRecords records) {
        this.records = records;
    }

    static List<Planned> plan(Route route, Fund fund, BigDecimal amount, LocalDate acceptedOn) {
        if (route == Route.LIGHT_TOUCH || fund.payments().fullRouteTranches().isEmpty()) {
            return List.of(new Planned(1, amount, acceptedOn));
        }
        List<Fund.Tranche> tranches = fund.payments().fullRouteTranches();
        List<Planned> planned = new ArrayList<>();
        BigDecimal scheduled = BigDecimal.ZERO;
        for (int i = 0; i < tranches.size(); i++) {
            Fund.Tranche t = tranches.get(i);
            BigDecimal part = i == tranches.size() - 1
                    ? amount.subtract(scheduled)
                    : amount.multiply(BigDecimal.valueOf(t.percent())).divide(BigDecimal.valueOf(100), 2,
                            RoundingMode.DOWN);
            scheduled = scheduled.add(part);
            planned.add(new Planned(i + 1, part, acceptedOn.plusDays(t.dueAfterDays())));
        }
        return planned;
    }

    public List<Long> trancheIds(DelegateExecution execution) {
        long applicationId = ProcessKeys.applicationId(execution);
        return records.payments(applicationId).stream().map(AwardRecords.Payment::id).toList();
    }

    public Date dueDate(Object paymentId) {
        LocalDate due = records.payment(((Number) paymentId).longValue()).dueOn();
        return Date.from(due.atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
