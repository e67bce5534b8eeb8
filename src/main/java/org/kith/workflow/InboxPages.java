package org.kith.workflow;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.kith.identity.CurrentUser;
import org.kith.identity.Role;
import org.kith.web.ConflictException;
import org.kith.web.ForbiddenException;
import org.kith.web.Messages;
import org.kith.web.NotFoundException;
import org.kith.web.Option;
import org.kith.web.Paging;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The staff inbox ({@code /staff/tasks}): my tasks and the pool I may take, from the task-list read model, with
 * filters (a GET form), sorts, counts per fund and paging; Claim and Give back. {@code /staff/tasks/{id}} opens any
 * task on the page that does it.
 */
@Controller
class InboxPages {

    static final int PAGE_SIZE = 25;

    private final WorkflowTasks tasks;
    private final TaskSubjects subjects;
    private final Messages messages;
    private final Clock clock;

    InboxPages(WorkflowTasks tasks, TaskSubjects subjects, Messages messages, Clock clock) {
        this.tasks = tasks;
        this.subjects = subjects;
        this.messages = messages;
        this.clock = clock;
    }

    /** One row of the table. */
    record Row(InboxItem item, String fundName, boolean overdue, boolean mine) {
    }

    /** One line of the counts per fund, with the link that filters by it. */
    record FundCount(long fundId, String name, long tasks, String link, boolean current) {

        /** More than the counts read ({@link WorkflowTasks#COUNT_CAP}). */
        public boolean more() {
            return tasks > WorkflowTasks.COUNT_CAP;
        }
    }

    @GetMapping("/staff/tasks")
    String inbox(CurrentUser user, @RequestParam(required = false) String fund,
            @RequestParam(required = false) String route, @RequestParam(required = false) String due,
            @RequestParam(required = false) String sort, @RequestParam(defaultValue = "0") String page, Model model) {
        requireInboxRole(user);
        Long fundId = number(fund);
        String routeValue = oneOf(route, "LIGHT_TOUCH", "FULL");
        InboxQuery.Due dueValue = InboxQuery.Due.valueOf(defaultIfNot(due, "ANY", "OVERDUE", "SOON"));
        InboxQuery.Sort sortValue = InboxQuery.Sort.valueOf(defaultIfNot(sort, "RECEIVED", "DUE", "AMOUNT"));
        Long pageNumber = number(page);
        int pageIndex = pageNumber == null || pageNumber < 0 || pageNumber > 100_000 ? 0 : pageNumber.intValue();

        Map<Long, Long> counts = tasks.inboxCountsByFund(user, null);
        WorkflowTasks.InboxItems found = tasks.inbox(user, new Paging(pageIndex, PAGE_SIZE),
                new InboxQuery(null, fundId, routeValue, dueValue, sortValue));
        Map<Long, String> names = subjects.allFundNames();
        LocalDateTime now = LocalDateTime.now(clock);

        List<Row> rows = found.items().stream()
                .map(i -> new Row(i, names.getOrDefault(i.fundId(), ""), i.overdueAt(now),
                        user.username().equals(i.assignee())))
                .toList();
        List<FundCount> fundCounts = counts.entrySet().stream()
                .map(e -> new FundCount(e.getKey(), names.getOrDefault(e.getKey(), ""), e.getValue(),
                        link(e.getKey(), routeValue, dueValue, sortValue, 0), e.getKey().equals(fundId)))
                .sorted(Comparator.comparing(FundCount::name))
                .toList();

        model.addAttribute("rows", rows);
        model.addAttribute("fundCounts", fundCounts);
        model.addAttribute("total", counts.values().stream().mapToLong(c -> Math.min(c, WorkflowTasks.COUNT_CAP))
                .sum());
        model.addAttribute("totalMore", counts.values().stream().anyMatch(c -> c > WorkflowTasks.COUNT_CAP));
        model.addAttribute("cap", WorkflowTasks.COUNT_CAP);
        model.addAttribute("allFundsLink", link(null, routeValue, dueValue, sortValue, 0));
        model.addAttribute("filtered", fundId != null || routeValue != null || dueValue != InboxQuery.Due.ANY);
        model.addAttribute("fund", fundId == null ? "" : fundId.toString());
        model.addAttribute("fundName", fundId == null ? null : names.get(fundId));
        model.addAttribute("route", routeValue == null ? "" : routeValue);
        model.addAttribute("due", dueValue.name());
        model.addAttribute("sort", sortValue.name());
        model.addAttribute("fundOptions", fundCounts.stream()
                .map(c -> new Option(String.valueOf(c.fundId()), c.name())).toList());
        model.addAttribute("routeOptions", List.of(new Option("", messages.text("inbox.route.any")),
                new Option("LIGHT_TOUCH", messages.text("inbox.route.LIGHT_TOUCH")),
                new Option("FULL", messages.text("inbox.route.FULL"))));
        model.addAttribute("dueOptions", List.of(new Option("ANY", messages.text("inbox.due.ANY")),
                new Option("OVERDUE", messages.text("inbox.due.OVERDUE")),
                new Option("SOON", messages.text("inbox.due.SOON"))));
        model.addAttribute("sortLinks", List.of(
                sortLink("RECEIVED", sortValue, fundId, routeValue, dueValue),
                sortLink("DUE", sortValue, fundId, routeValue, dueValue),
                sortLink("AMOUNT", sortValue, fundId, routeValue, dueValue)));
        model.addAttribute("pageNumber", pageIndex + 1);
        model.addAttribute("previousLink", pageIndex == 0 ? null
                : link(fundId, routeValue, dueValue, sortValue, pageIndex - 1));
        model.addAttribute("nextLink", found.more() ? link(fundId, routeValue, dueValue, sortValue, pageIndex + 1)
                : null);
        return "staff/tasks/inbox";
    }

    /** A sort the page offers, as a link that keeps the filters; the current one is not a link. */
    record SortLink(String label, String link, boolean current) {
    }

    private SortLink sortLink(String sort, InboxQuery.Sort current, Long fundId, String route, InboxQuery.Due due) {
        return new SortLink(messages.text("inbox.sort." + sort), link(fundId, route, due,
                InboxQuery.Sort.valueOf(sort), 0), current.name().equals(sort));
    }

    @PostMapping("/staff/tasks/{taskId}/claim")
    String claim(CurrentUser user, @PathVariable String taskId, RedirectAttributes redirect, Model model,
            HttpServletResponse response) {
        requireInboxRole(user);
        try {
            tasks.take(user, taskId);
        } catch (ConflictException taken) {
            return AlreadyHandled.page(taken, model, response);
        }
        InboxItem item = tasks.open(user, taskId);
        redirect.addFlashAttribute("successBanner", messages.text("inbox.claimed", item.reference()));
        return "redirect:/staff/tasks";
    }

    @PostMapping("/staff/tasks/{taskId}/release")
    String release(CurrentUser user, @PathVariable String taskId, RedirectAttributes redirect, Model model,
            HttpServletResponse response) {
        requireInboxRole(user);
        InboxItem item;
        try {
            item = tasks.open(user, taskId);
            tasks.release(user, taskId);
        } catch (ConflictException gone) {
            return AlreadyHandled.page(gone, model, response);
        }
        redirect.addFlashAttribute("successBanner", messages.text("inbox.released", item.reference()));
        return "redirect:/staff/tasks";
    }

    /** The one link to any task: the page that does it, by what the task is. */
    @GetMapping("/staff/tasks/{taskId}")
    String open(CurrentUser user, @PathVariable String taskId, Model model, HttpServletResponse response) {
        if (!user.isStaff()) {
            throw new NotFoundException("There is no task " + taskId + " that you can act on.");
        }
        InboxItem item;
        try {
            item = tasks.open(user, taskId);
        } catch (ConflictException handled) {
            return AlreadyHandled.page(handled, model, response);
        }
        return "redirect:" + switch (item.taskKey()) {
            case TaskKeys.ASSESS_APPLICATION -> "/staff/tasks/" + taskId + "/assess";
            case TaskKeys.DECIDE_APPLICATION -> "/staff/applications/" + item.applicationId() + "/decide";
            case TaskKeys.RECORD_PAYMENT -> "/staff/payments";
            case TaskKeys.REVIEW_REPORT -> "/staff/reports/" + item.applicationId();
            case TaskKeys.REVIEW_VARIATION -> "/staff/variations/" + item.applicationId();
            default -> throw new NotFoundException("There is no staff page for task " + taskId + ".");
        };
    }


    private static void requireInboxRole(CurrentUser user) {
        if (!user.has(Role.ASSESSOR) && !user.has(Role.FUND_MANAGER)) {
            throw new ForbiddenException("The task inbox is for assessors and fund managers.");
        }
    }

    private static String link(Long fundId, String route, InboxQuery.Due due, InboxQuery.Sort sort, int page) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath("/staff/tasks");
        if (fundId != null) {
            link.queryParam("fund", fundId);
        }
        if (route != null) {
            link.queryParam("route", route);
        }
        if (due != InboxQuery.Due.ANY) {
            link.queryParam("due", due.name());
        }
        if (sort != InboxQuery.Sort.RECEIVED) {
            link.queryParam("sort", sort.name());
        }
        if (page > 0) {
            link.queryParam("page", page);
        }
        return link.build().toUriString();
    }

    /** A number from the query, or null for anything else (a filter typed by hand shows everything). */
    private static Long number(String value) {
        try {
            return value == null || value.isBlank() ? null : Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String oneOf(String value, String... allowed) {
        return value != null && List.of(allowed).contains(value) ? value : null;
    }

    private static String defaultIfNot(String value, String fallback, String... others) {
        String found = oneOf(value, others);
        return found == null ? fallback : found;
    }
}
