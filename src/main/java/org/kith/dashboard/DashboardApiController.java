package org.kith.dashboard;

import java.util.ArrayList;
import java.util.List;

import org.kith.identity.CurrentUser;
import org.kith.web.ForbiddenException;
import org.kith.web.InvalidInputException;
import org.kith.web.InvalidInputException.FieldError;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Parameter;

/**
 * The dashboards' figures for scripts (issue 8, item 9): the {@link Dashboard} record as JSON, for the funds the
 * caller may see and narrowed by the dashboards' filter ({@link DashboardParams}). {@code fundId} is the API's name
 * for the filter's {@code fund}; either may be given, both only when they agree.
 */
@RestController
class DashboardApiController {

    private static final String WHOLE_NUMBER = "\\d{1,18}";

    private final DashboardFigures figures;

    DashboardApiController(DashboardFigures figures) {
        this.figures = figures;
    }

    @GetMapping(path = "/api/dashboard", produces = MediaType.APPLICATION_JSON_VALUE)
    Dashboard dashboard(@Parameter(hidden = true) CurrentUser user, @RequestParam(required = false) String fundId,
            @RequestParam(required = false) String fund, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String authority,
            @RequestParam(required = false) String route) {
        if (!DashboardFigures.mayView(user)) {
            throw new ForbiddenException("Dashboards are for funders, fund managers and admins.");
        }
        List<FieldError> errors = new ArrayList<>();
        String chosenFund = fund;
        if (!blank(fundId)) {
            String id = fundId.strip();
            if (!id.matches(WHOLE_NUMBER)) {
                errors.add(new FieldError("fundId", "Give the id of a fund, a whole number"));
            } else if (blank(fund)) {
                chosenFund = id;
            } else if (fund.strip().matches(WHOLE_NUMBER) && Long.parseLong(fund.strip()) != Long.parseLong(id)) {
                errors.add(new FieldError("fundId", "fundId and fund name different funds: give the fund once"));
            }
        }
        DashboardParams params = new DashboardParams(chosenFund, from, to, authority, route);
        errors.addAll(params.errors());
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return figures.read(user, params.toFilter());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
