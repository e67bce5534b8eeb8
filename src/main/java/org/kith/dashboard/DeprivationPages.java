package org.kith.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.kith.identity.CurrentUser;
import org.kith.identity.Role;
import org.kith.web.ForbiddenException;
import org.kith.web.Messages;
import org.kith.web.PageForm;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.WebUtils;

/**
 * The admin's page of the deprivation lookup: what is loaded per index and when, where the official files come
 * from, and an upload that loads one (every problem listed, nothing loaded, the form shown again with 400).
 * Administrators only; anyone else is refused (403).
 */
@Controller
class DeprivationPages {

    private final DeprivationLookup lookup;
    private final Messages messages;

    DeprivationPages(DeprivationLookup lookup, Messages messages) {
        this.lookup = lookup;
        this.messages = messages;
    }

    static void checkAdmin(CurrentUser user) {
        if (!user.has(Role.ADMIN)) {
            throw new ForbiddenException("Only administrators load the deprivation lookup.");
        }
    }

    @GetMapping("/staff/deprivation")
    String page(CurrentUser user, Model model) {
        checkAdmin(user);
        return page(PageForm.empty(), model);
    }

    /** Multipart is read lazily, so a file over the container's limit is a field error here, not an error page. */
    @PostMapping(path = "/staff/deprivation", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    String load(CurrentUser user, HttpServletRequest request, HttpServletResponse response, Model model,
            RedirectAttributes redirect) {
        checkAdmin(user);
        PageForm form = PageForm.empty();
        MultipartFile file;
        try {
            MultipartHttpServletRequest multipart = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
            file = multipart == null ? null : multipart.getFile("file");
        } catch (MaxUploadSizeExceededException tooLarge) {
            return refused(form.reject("file", messages.text("deprivation.upload.tooLarge")), response, model);
        } catch (MultipartException unreadable) {
            return refused(form.reject("file", messages.text("deprivation.upload.unreadable")), response, model);
        }
        // no file chosen: a part with no file name; a chosen file that is empty is the loader's "the file is empty"
        if (file == null || file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()) {
            return refused(form.reject("file", messages.text("deprivation.upload.choose")), response, model);
        }
        DeprivationLookup.Loaded loaded;
        try (InputStream in = file.getInputStream()) {
            loaded = lookup.load(in, file.getOriginalFilename());
        } catch (DeprivationLookup.LookupFileException e) {
            return refused(listed(form, e), response, model);
        } catch (IOException | UncheckedIOException e) {
            return refused(form.reject("file", messages.text("deprivation.upload.unreadable")), response, model);
        }
        redirect.addFlashAttribute("successBanner", messages.text("deprivation.upload.done",
                loaded.postcodes().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                        .map(e -> messages.text("deprivation.upload.doneIndex", e.getKey(), e.getValue()))
                        .collect(Collectors.joining(", "))));
        return "redirect:/staff/deprivation";
    }

    /** What is loaded, in the form the upload reads: a download loads back unchanged. */
    @GetMapping("/staff/deprivation.csv")
    void download(CurrentUser user, HttpServletResponse response) throws IOException {
        checkAdmin(user);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename("deprivation-lookup.csv").build().toString());
        response.setHeader("X-Content-Type-Options", "nosniff");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        lookup.writeCsv(out);
        out.flush();
    }

    private String refused(PageForm form, HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        return page(form, model);
    }

    private String page(PageForm form, Model model) {
        List<DeprivationLookup.Area> areas = lookup.areas();
        model.addAttribute("indexes", List.of(DeprivationLookup.Index.values()));
        model.addAttribute("areas", areas.stream()
                .collect(Collectors.toMap(DeprivationLookup.Area::index, a -> a)));
        model.addAttribute("form", form);
        model.addAttribute("backLink", "/staff");
        return "staff/deprivation/lookup";
    }

    /** Every listed problem in the error summary, each leading to the file input, then how many more. */
    private PageForm listed(PageForm form, DeprivationLookup.LookupFileException e) {
        int listed = e.problems().size();
        form.reject("file", e.total() == 1 ? messages.text("deprivation.upload.oneProblem")
                : listed < e.total() ? messages.text("deprivation.upload.problems", e.total(), listed)
                : messages.text("deprivation.upload.allProblems", e.total()));
        for (int i = 0; i < listed; i++) {
            String key = "problem-" + (i + 1);
            form.reject(key, e.problems().get(i).toString()).anchor(key, "file");
        }
        if (listed < e.total()) {
            form.reject("more", messages.text("deprivation.upload.more", e.total() - listed)).anchor("more", "file");
        }
        return form;
    }
}
