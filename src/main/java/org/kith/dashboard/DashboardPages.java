package org.kith.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.kith.applications.Route;
import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.web.ForbiddenException;
import org.kith.web.InvalidInputException.FieldError;
import org.kith.web.Messages;
import org.kith.web.NotFoundException;
import org.kith.web.Option;
import org.kith.web.PageForm;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The funder dashboards for staff (funders for their linked funds, fund managers, admins): {@code /staff/dashboard}
 * with a GET filter (fund, months, local authority, route), each chart with its table and CSV
 * ({@code /staff/dashboard/<table>.csv}, same filter) and the accepted reports' stories
 * ({@code /staff/dashboard/stories}). A filter that does not parse re-shows the form with what was typed and a 400;
 * a fund the person may not see is a 404 on every one of these addresses. The filter's query parameters are bound
 * to {@link DashboardParams} by name, all as text, so nothing typed fails before it is checked.
 */
@Controller
class DashboardPages {

    private static final List<String> FILTER_FIELDS = List.of("fund", "from", "to", "authority", "route");

    private final DashboardFigures figures;
    private final DashboardTables tables;
    private final DashboardStories stories;
    private final Messages messages;

    DashboardPages(DashboardFigures figures, DashboardTables tables, DashboardStories stories, Messages messages) {
        this.figures = figures;
        this.tables = tables;
        this.stories = stories;
        this.messages = messages;
    }

    @GetMapping("/staff/dashboard")
    ModelAndView dashboard(CurrentUser user, DashboardParams typed) {
        ModelAndView page = filterForm(user, typed);
        if (page.getStatus() == HttpStatus.BAD_REQUEST) {
            return page;
        }
        DashboardFilter filter = typed.toFilter();
        Dashboard d = figures.read(user, filter);
        boolean portfolio = filter.fundId() == null;
        DashboardParams params = DashboardParams.of(filter);
        Map<String, DashboardTables.DataTable> all = tables.tables(d, portfolio);
        Map<String, String> csv = new LinkedHashMap<>();
        all.keySet().forEach(name -> csv.put(name, DashboardLinks.csv(name, params)));
        page.addObject("dashboard", d);
        page.addObject("portfolio", portfolio);
        page.addObject("fundName", portfolio ? null : d.funds().get(0).name());
        page.addObject("tables", all);
        page.addObject("csv", csv);
        page.addObject("targetVerdict", tables.targetVerdict(d.portfolio()));
        page.addObject("targetMet", DashboardTables.targetMet(d.portfolio()));
        page.addObject("burdenVerdict", tables.burdenVerdict(d.burden()));
        page.addObject("storiesLink", DashboardLinks.stories(params));
        page.addObject("portfolioLink", DashboardLinks.page(new DashboardParams(null, params.from(), params.to(),
                params.authority(), params.route())));
        page.addObject("filtered", filter.hasPeriod() || filter.localAuthority() != null || filter.route() != null);
        return page;
    }

    @GetMapping("/staff/dashboard/{chart}.csv")
    ModelAndView csv(CurrentUser user, @PathVariable String chart, DashboardParams typed,
            HttpServletResponse response) throws IOException {
        ModelAndView invalid = filterForm(user, typed);
        if (invalid.getStatus() == HttpStatus.BAD_REQUEST) {
            return invalid;
        }
        DashboardFilter filter = typed.toFilter();
        Dashboard d = figures.read(user, filter);
        DashboardTables.DataTable table = tables.tables(d, filter.fundId() == null).get(chart);
        if (table == null) {
            throw new NotFoundException("There is no dashboard table called " + chart + ".");
        }
        byte[] body = table.csv().getBytes(StandardCharsets.UTF_8);
        String scope = filter.fundId() == null ? "all-funds" : d.funds().get(0).slug();
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("dashboard-" + scope + "-" + chart + ".csv").build().toString());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        return null;
    }

    @GetMapping("/staff/dashboard/stories")
    ModelAndView stories(CurrentUser user, DashboardParams typed, @RequestParam(required = false) String page) {
        ModelAndView invalid = filterForm(user, typed);
        if (invalid.getStatus() == HttpStatus.BAD_REQUEST) {
            return invalid;
        }
        DashboardFilter filter = typed.toFilter();
        List<Fund> scope = figures.scope(user, filter);
        DashboardStories.StoryPage found = stories.stories(scope.stream().map(Fund::id).toList(), filter,
                pageNumber(page));
        DashboardParams params = DashboardParams.of(filter);
        ModelAndView view = new ModelAndView("staff/dashboard/stories");
        view.addObject("found", found);
        view.addObject("fundName", filter.fundId() == null ? null : scope.get(0).name());
        view.addObject("backLink", DashboardLinks.page(params));
        view.addObject("previousLink", found.page() > 1 ? DashboardLinks.stories(params, found.page() - 1) : null);
        view.addObject("nextLink", found.page() < found.pages() ? DashboardLinks.stories(params, found.page() + 1)
                : null);
        return view;
    }

    /**
     * The dashboard page with its filter form filled in as typed; status 400 with the errors when it does not
     * parse. Refuses (403) anyone without dashboards before looking at what they typed.
     */
    private ModelAndView filterForm(CurrentUser user, DashboardParams typed) {
        if (!DashboardFigures.mayView(user)) {
            throw new ForbiddenException(messages.text("dash.forbidden"));
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("fund", typed.fund());
        values.put("from", typed.from());
        values.put("to", typed.to());
        values.put("authority", typed.authority());
        values.put("route", typed.route());
        PageForm form = PageForm.of(values);
        List<FieldError> errors = typed.errors();
        FILTER_FIELDS.forEach(field -> errors.stream().filter(e -> e.field().equals(field))
                .forEach(e -> form.reject(field, e.message())));
        List<Fund> mine = figures.fundsFor(user);
        ModelAndView page = new ModelAndView("staff/dashboard/dashboard");
        page.addObject("form", form);
        page.addObject("fundOptions", mine.stream().map(f -> new Option(String.valueOf(f.id()), f.name())).toList());
        page.addObject("authorityOptions", authorityOptions(mine, typed.authority()));
        page.addObject("routeOptions", List.of(
                new Option(Route.LIGHT_TOUCH.name(), tables.routeLabel(Route.LIGHT_TOUCH.name())),
                new Option(Route.FULL.name(), tables.routeLabel(Route.FULL.name()))));
        if (form.hasErrors()) {
            page.setStatus(HttpStatus.BAD_REQUEST);
        }
        return page;
    }

    /** The areas of the person's funds, "unknown" for groups whose area we do not know, and whatever was typed. */
    private List<Option> authorityOptions(List<Fund> mine, String typed) {
        List<Option> options = new ArrayList<>();
        for (String area : stories.localAuthorities(mine.stream().map(Fund::id).toList())) {
            options.add(area.isEmpty() ? new Option(DashboardParams.UNKNOWN_AUTHORITY, messages.text("dash.unknown"))
                    : new Option(area, area));
        }
        if (typed != null && !typed.isBlank() && options.stream().noneMatch(o -> o.value().equals(typed))) {
            options.add(new Option(typed, typed));
        }
        return options;
    }

    /** The page asked for, from 1; anything that is not a page number is the first page. */
    private static int pageNumber(String page) {
        if (page == null || !page.strip().matches("\\d{1,6}")) {
            return 1;
        }
        return Math.max(1, Integer.parseInt(page.strip()));
    }
}
