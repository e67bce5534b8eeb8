package org.kith.dashboard;

import org.kith.web.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The public page of a fund's published statistics, linked from the fund on the home page. Anonymous and open to
 * a deadline's crowd, so it never folds the read model: its figures are up to one fold interval old.
 */
@Controller
class FundStatisticsPage {

    private final PublishedStatistics statistics;

    FundStatisticsPage(PublishedStatistics statistics) {
        this.statistics = statistics;
    }

    @GetMapping("/funds/{slug}/statistics")
    String show(@PathVariable String slug, Model model) {
        model.addAttribute("stats", statistics.ofFund(slug)
                .orElseThrow(() -> new NotFoundException("There is no such fund.")));
        return "funds/statistics";
    }
}
