package org.kith.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.kith.funds.Fund;
import org.kith.support.Journey;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

@KithTest
class DashboardFiguresTest {

    @Autowired
    Journey journey;
    @Autowired
    TestData data;
    @Autowired
    DashboardFigures figures;

    @Test
    void smoke() {
        Fund fund = data.fund();
        journey.funded(data.charityApplicant(), fund, "2500");
        journey.submitted(data.unregisteredApplicant(), fund, "1000");
        Dashboard d = figures.figures(List.of(fund), DashboardFilter.ofFund(fund.id()));
        System.out.println("DASH " + d);
        assertThat(d.portfolio().applications()).isEqualTo(2);
        Dashboard la = figures.figures(List.of(fund), new DashboardFilter(fund.id(), null, null, "City of Edinburgh", null));
        System.out.println("DASHLA " + la);
        assertThat(la.portfolio().applications()).isEqualTo(1);
    }
}
