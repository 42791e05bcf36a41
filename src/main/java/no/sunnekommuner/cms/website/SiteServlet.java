package no.sunnekommuner.cms.website;

import com.google.common.hash.Hashing;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** Routes the site's URLs to pages, renders them with Thymeleaf, and serves the stylesheet, sitemap and robots. */
final class SiteServlet extends HttpServlet {

    private static final Logger LOG = LoggerFactory.getLogger(SiteServlet.class);
    private static final int MAX_PARAMETER = 200;

    private final transient SitePages pages;
    private final transient ApplicationForm applications;
    private final transient DeliveryClient api;
    private final transient java.util.function.Supplier<String> siteBaseUrl;
    private final transient TemplateEngine engine = new TemplateEngine();
    private final byte[] css;
    private final transient ItemPaths paths;

    /** The site's public address is asked per request: with port 0 it is known only once the server runs. */
    SiteServlet(DeliveryClient api, SitePages pages, ApplicationForm applications,
            java.util.function.Supplier<String> siteBaseUrl, ItemPaths paths) {
        this.api = api;
        this.pages = pages;
        this.applications = applications;
        this.siteBaseUrl = siteBaseUrl;
        this.paths = paths;
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("website/templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine.setTemplateResolver(resolver);
        engine.setMessageResolver(new Messages());
        try (InputStream in = SiteServlet.class.getResourceAsStream("/website/site.css")) {
            this.css = in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String siteBase() {
        String base = siteBaseUrl.get();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI();
        String siteBase = siteBase();
        try {
            switch (path) {
                case "/site.css" -> {
                    resp.setContentType("text/css;charset=utf-8");
                    resp.setHeader("Cache-Control", "public, max-age=3600");
                    resp.getOutputStream().write(css);
                    return;
                }
                case "/robots.txt" -> {
                    resp.setContentType("text/plain;charset=utf-8");
                    resp.getWriter().write("User-agent: *\nAllow: /\nSitemap: " + siteBase + "/sitemap.xml\n");
                    return;
                }
                case "/sitemap.xml" -> {
                    sitemap(resp);
                    return;
                }
                default -> {
                }
            }
            Lang lang = path.equals("/en") || path.startsWith("/en/") ? Lang.EN : Lang.NB;
            String rest = lang == Lang.EN ? path.substring(3) : path;
            if (rest.length() > 1 && rest.endsWith("/")) {
                rest = rest.substring(0, rest.length() - 1);
            }
            if (path.equals("/en")) {
                resp.sendRedirect("/en/");
                return;
            }
            String below = rest;
            Map<String, String> query = query(req);
            Map.Entry<Page, DeliveryClient.Sources> built = api.tracked(() -> pages.page(lang, below, query)
                    .orElseGet(() -> pages.notFound(lang)));
            Page page = built.getKey();
            if (page.status() == 301) {
                resp.setStatus(301);
                resp.setHeader("Location", String.valueOf(page.model().get(Page.LOCATION)));
                resp.setHeader("Cache-Control", "public, max-age=600");
                return;
            }
            render(req, resp, lang, page, built.getValue());
        } catch (SiteException e) {
            LOG.warn("Site page {} failed: {}", path, e.getMessage());
            resp.setStatus(502);
            resp.setContentType("text/plain;charset=utf-8");
            resp.getWriter().write("Innholdet er ikke tilgjengelig akkurat nå. / The content is unavailable right now.");
        }
    }

    /** The one form of the site: a membership application ("Bli medlem" / "Become a member"). */
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI();
        Lang lang = path.startsWith("/en/") ? Lang.EN : Lang.NB;
        if (!path.equals(Section.APPLY.path(lang))) {
            resp.setHeader("Allow", "GET, HEAD");
            resp.sendError(405);
            return;
        }
        try {
            Page page = applications.submit(lang, req);
            if (Boolean.TRUE.equals(page.model().get("received"))) {
                // post/redirect/get: reloading the receipt never sends the application again
                resp.setStatus(303);
                resp.setHeader("Location", path + "?" + ApplicationForm.RECEIVED);
                return;
            }
            render(req, resp, lang, page, null);
        } catch (SiteException e) {
            LOG.warn("Membership application not sent: {}", e.getMessage());
            resp.setStatus(502);
            resp.setContentType("text/plain;charset=utf-8");
            resp.getWriter().write(Messages.get(lang, "apply.error.unavailable"));
        }
    }

    private static Map<String, String> query(HttpServletRequest req) {
        Map<String, String> q = new LinkedHashMap<>();
        req.getParameterMap().forEach((k, v) -> {
            if (v.length > 0 && v[0].length() <= MAX_PARAMETER) {
                q.put(k, v[0]);
            }
        });
        return q;
    }

    /**
     * Renders a page. A page every visitor sees alike gets the site's own strong {@code ETag} (of its bytes), the
     * newest {@code Last-Modified} of the API responses it was built from and their shortest {@code max-age}, and
     * a matching {@code If-None-Match} gets 304. A draft (preview) is {@code no-store}, {@code noindex} and sends
     * no referrer, so neither a cache nor another site sees it or its token.
     */
    private void render(HttpServletRequest req, HttpServletResponse resp, Lang lang, Page page,
            DeliveryClient.Sources sources) throws IOException {
        String siteBase = siteBase();
        Context ctx = new Context(lang.locale());
        ctx.setVariables(page.model());
        ctx.setVariable("lang", lang);
        ctx.setVariable("other", lang.other());
        ctx.setVariable("fmt", new Fmt(lang, api.apiBase(), paths));
        ctx.setVariable("path", page.path(lang));
        ctx.setVariable("otherPath", page.path(lang.other()));
        // a preview's paths carry its token for the language switch; the canonical and alternates never do
        ctx.setVariable("canonical", siteBase + publicPath(page.path(lang)));
        ctx.setVariable("nbUrl", siteBase + publicPath(page.path(Lang.NB)));
        ctx.setVariable("enUrl", siteBase + publicPath(page.path(Lang.EN)));
        ctx.setVariable("feed", api.feedUrl("news", lang.code()));
        ctx.setVariable("nav", nav(lang, page.path(lang)));
        ctx.setVariable("home", lang == Lang.NB ? "/" : "/en/");
        Map<String, String> links = new LinkedHashMap<>();
        for (Section s : Section.values()) {
            links.put(s.name(), s.path(lang));
        }
        ctx.setVariable("links", links);
        java.io.StringWriter html = new java.io.StringWriter(16_384);
        engine.process(page.template(), ctx, html);
        byte[] body = html.toString().getBytes(StandardCharsets.UTF_8);
        resp.setContentType("text/html;charset=utf-8");
        resp.setHeader("Content-Language", lang.code());
        if (page.preview()) {
            resp.setHeader("Cache-Control", "no-store");
            resp.setHeader("X-Robots-Tag", "noindex, nofollow");
            resp.setHeader("Referrer-Policy", "no-referrer");
        } else if (page.shared() && sources != null) {
            String etag = "\"" + Hashing.murmur3_128().hashBytes(body) + "\"";
            resp.setHeader("ETag", etag);
            resp.setHeader("Cache-Control", "public, max-age=" + sources.maxAge().toSeconds() + ", must-revalidate");
            sources.lastModified().ifPresent(t -> resp.setDateHeader("Last-Modified", t.toEpochMilli()));
            String ifNoneMatch = req.getHeader("If-None-Match");
            if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
                resp.setStatus(304);
                return;
            }
        } else {
            resp.setHeader("Cache-Control", "no-cache");
        }
        resp.setStatus(page.status());
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.equals(etag) || c.equals("W/" + etag) || c.equals("*")) {
                return true;
            }
        }
        return false;
    }

    private static String publicPath(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    private static List<Map<String, Object>> nav(Lang lang, String current) {
        List<Map<String, Object>> items = new java.util.ArrayList<>();
        for (Section s : List.of(Section.NEWS, Section.WHY, Section.MEMBERS, Section.THEME_GROUPS, Section.GROWTH,
                Section.MAP, Section.APPLY)) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("href", s.path(lang));
            item.put("label", Messages.get(lang, "nav." + s.name()));
            item.put("current", current.equals(s.path(lang)) || current.startsWith(s.path(lang) + "/"));
            items.add(item);
        }
        return items;
    }

    private void sitemap(HttpServletResponse resp) throws IOException {
        String siteBase = siteBase();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
        for (Map<String, String> e : pages.sitemapEntries()) {
            for (Lang lang : Lang.values()) {
                xml.append("  <url><loc>").append(xmlText(siteBase + e.get(lang.code()))).append("</loc>");
                if (e.containsKey("lastmod")) {
                    xml.append("<lastmod>").append(e.get("lastmod")).append("</lastmod>");
                }
                for (Lang alt : Lang.values()) {
                    xml.append("<xhtml:link rel=\"alternate\" hreflang=\"").append(alt.code()).append("\" href=\"")
                            .append(xmlText(siteBase + e.get(alt.code()))).append("\"/>");
                }
                xml.append("</url>\n");
            }
        }
        xml.append("</urlset>\n");
        resp.setContentType("application/xml;charset=utf-8");
        resp.getOutputStream().write(xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String xmlText(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }
}
